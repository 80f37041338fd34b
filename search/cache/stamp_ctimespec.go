//go:build darwin || freebsd || netbsd

package cache

import (
	"os"
	"syscall"
)

// changeStamp returns a file's change time (ctime) and inode, which an
// edit moves even when it puts the old size and modification time back
// (touch -r, cp -p, rsync -t); ok is false when the system does not say.
func changeStamp(info os.FileInfo) (ctime int64, ino uint64, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return st.Ctimespec.Nano(), uint64(st.Ino), true
}
