//go:build windows

package cmd

import (
	"errors"
	"syscall"
)

// errorNoData is Windows' ERROR_NO_DATA, "the pipe is being closed",
// which the syscall package does not name.
const errorNoData syscall.Errno = 232

// closedPipe reports whether err is a write to a reader that has gone
// (crib … | Select-Object -First 1): not worth a line, as for grep.
// Windows has no SIGPIPE, and such a write fails with ERROR_NO_DATA or
// ERROR_BROKEN_PIPE, which syscall.Errno does not match to EPIPE
// (review 9 #9: crib would have said so and exited 2).
func closedPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ERROR_BROKEN_PIPE) || errors.Is(err, errorNoData)
}
