//go:build windows

package cmd

import (
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

// TestClosedPipeWindows: the errors a write to a gone reader gives on
// Windows, wrapped as os.File wraps them, count as a closed pipe.
func TestClosedPipeWindows(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ERROR_BROKEN_PIPE}, true},
		{&fs.PathError{Op: "write", Path: "/dev/stdout", Err: errorNoData}, true},
		{&fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ERROR_FILE_NOT_FOUND}, false},
	} {
		if got := closedPipe(tc.err); got != tc.want {
			t.Errorf("closedPipe(%v) = %v, want %v", fmt.Sprint(tc.err), got, tc.want)
		}
	}
}
