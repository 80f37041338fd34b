//go:build !windows

package cmd

import (
	"errors"
	"syscall"
)

// closedPipe reports whether err is a write to a reader that has gone
// (crib … | head -1): not worth a line, as for grep.
func closedPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}
