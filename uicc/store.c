/* store.c - the image file: the transaction layer's storage bytes
 * (core/txn.h), read whole and written atomically: a temporary file in the
 * same folder, fsync, rename over the old file, fsync of the folder.  A
 * crash leaves the old file or the new one. */
#define _POSIX_C_SOURCE 200809L
#include "card.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sw.h"

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void folder_of(const char *path, char *dir, size_t cap)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash == NULL ? 0 : (size_t)(slash - path);
    if (slash == NULL) {
        snprintf(dir, cap, ".");
        return;
    }
    if (n == 0)
        n = 1; /* "/file" */
    if (n >= cap)
        n = cap - 1;
    memcpy(dir, path, n);
    dir[n] = '\0';
}

int kl_card_save_file(const kl_card *c, const char *path)
{
    char tmp[4096], dir[4096];
    int fd, dfd;
    if (c == NULL || path == NULL)
        return KL_UICC_E_NULL;
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path,
                         (long)getpid()) >= sizeof tmp)
        return KL_UICC_E_IO;
    /* 0600: the image holds the card's secrets */
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return KL_UICC_E_IO;
    if (write_all(fd, c->txn.mem, sizeof c->txn.mem) != 0 || fsync(fd) != 0) {
        close(fd);
        unlink(tmp);
        return KL_UICC_E_IO;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return KL_UICC_E_IO;
    }
    folder_of(path, dir, sizeof dir);
    dfd = open(dir, O_RDONLY);
    if (dfd >= 0) {
        (void)fsync(dfd); /* the rename itself reaches the disk */
        close(dfd);
    }
    return KL_UICC_OK;
}

int kl_card_load_file(kl_card *c, const char *path)
{
    FILE *f;
    size_t n;
    int extra;
    if (c == NULL || path == NULL)
        return KL_UICC_E_NULL;
    f = fopen(path, "rb");
    if (f == NULL)
        return KL_UICC_E_IO;
    n = fread(c->txn.mem, 1, sizeof c->txn.mem, f);
    extra = fgetc(f);
    fclose(f);
    if (n != sizeof c->txn.mem || extra != EOF)
        return KL_UICC_E_IMAGE;
    return kl_card_boot(c);
}
