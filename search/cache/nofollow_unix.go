//go:build unix

package cache

import (
	"errors"
	"syscall"
)

// Flags that keep crib from following a symbolic link planted in the
// cache, or blocking on a FIFO.
const (
	oNoFollow = syscall.O_NOFOLLOW
	oNonBlock = syscall.O_NONBLOCK
)

// isSymlinkErr reports whether err is what opening a symbolic link with
// O_NOFOLLOW gives.
func isSymlinkErr(err error) bool { return errors.Is(err, syscall.ELOOP) }
