//go:build linux

package cmd

import (
	"os"
	"syscall"
	"unsafe"
)

// pendingBytes reports how many bytes f holds to read now, asked of the
// kernel (FIONREAD, here TIOCINQ) without reading or waiting, and
// whether it could tell: a pipe, FIFO or regular file can; /dev/null and
// the like cannot.
func pendingBytes(f *os.File) (int, bool) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, false
	}
	var n int32
	var errno syscall.Errno
	if err := rc.Control(func(fd uintptr) {
		_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TIOCINQ, uintptr(unsafe.Pointer(&n)))
	}); err != nil || errno != 0 {
		return 0, false
	}
	return int(n), true
}
