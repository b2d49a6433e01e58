#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int eg_open_input(const char *path)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), flags, err;

    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0)
        goto fail;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EG_ENOTREG;
        goto fail;
    }
    /* a regular file reads the same either way; the flag only kept the
     * open of a pipe from waiting for a writer */
    flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
        goto fail;
    return fd;
fail:
    err = errno;
    close(fd);
    errno = err;
    return -1;
}

FILE *eg_fopen_input(const char *path)
{
    int fd = eg_open_input(path), err;
    FILE *f;

    if (fd < 0)
        return NULL;
    f = fdopen(fd, "rb");
    if (!f) {
        err = errno;
        close(fd);
        errno = err;
    }
    return f;
}

const char *eg_strerror(int err)
{
    if (err == EG_ENOTREG)
        return "not a regular file (a named pipe, a device or a socket)";
    return strerror(err);
}

const char *eg_strerror_vi(int err)
{
    switch (err) {
    case EG_ENOTREG: return "không phải tệp thông thường (là đường ống, thiết bị hoặc socket)";
    case ENOENT: return "không có tệp hoặc thư mục này";
    case EACCES: return "không có quyền truy cập";
    case EPERM: return "thao tác không được phép";
    case EISDIR: return "là một thư mục, không phải tệp";
    case ENOTDIR: return "một phần của đường dẫn không phải thư mục";
    case EIO: return "lỗi vào/ra của ổ đĩa";
    case ENAMETOOLONG: return "tên tệp quá dài";
    case ELOOP: return "quá nhiều cấp liên kết tượng trưng";
    case EMFILE: return "quá nhiều tệp đang mở";
    case ENFILE: return "hệ thống có quá nhiều tệp đang mở";
    case ENOMEM: return "hết bộ nhớ";
    case EFBIG: case EOVERFLOW: return "tệp quá lớn";
    case ENXIO: case ENODEV: return "không có thiết bị này";
    case ESTALE: return "tham chiếu tới tệp không còn hợp lệ (ổ đĩa mạng)";
    case ETIMEDOUT: return "hết thời gian chờ kết nối";
    case EAGAIN: return "tài nguyên tạm thời không dùng được";
    case EINVAL: return "tham số không hợp lệ";
    default: return strerror(err);
    }
}
