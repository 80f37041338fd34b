//go:build unix

package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/peterh/liner"
)

// TestLoadHistory: the history file is read back only when it is a
// regular file of sensible size. Anything else is skipped with one
// warning, at once (a FIFO there hung the session before its first
// prompt, review 14 #1), and left as it is when the session ends.
func TestLoadHistory(t *testing.T) {
	for _, tc := range []struct {
		name  string
		plant func(t *testing.T, path string)
		data  string
		warn  string // in the one warning; "" for none
	}{
		{"missing", func(*testing.T, string) {}, "", ""},
		{"regular file", func(t *testing.T, p string) { writeFile(t, p, "lambda timeout\nsqs dlq\n") }, "lambda timeout\nsqs dlq\n", ""},
		{"FIFO", func(t *testing.T, p string) { mkfifo(t, p) }, "", "not a regular file"},
		{"link to a FIFO", func(t *testing.T, p string) {
			mkfifo(t, p+".fifo")
			os.Symlink(p+".fifo", p)
		}, "", "not a regular file"},
		{"directory", func(t *testing.T, p string) { os.Mkdir(p, 0o755) }, "", "not a regular file"},
		{"link to /dev/zero", func(t *testing.T, p string) { os.Symlink("/dev/zero", p) }, "", "not a regular file"},
		{"over the size cap", func(t *testing.T, p string) {
			writeFile(t, p, strings.Repeat("x", maxHistoryBytes+1))
		}, "", "larger than 16 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "history")
			tc.plant(t, path)
			var errOut bytes.Buffer
			ios := &IOStreams{ErrOut: &errOut}
			type loaded struct {
				data []byte
				keep bool
			}
			done := make(chan loaded, 1)
			go func() {
				data, keep := loadHistory(ios, path)
				done <- loaded{data, keep}
			}()
			var got loaded
			select {
			case got = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("loading the history hung")
			}
			if string(got.data) != tc.data {
				t.Errorf("history %.60q (%d bytes), want %q", got.data, len(got.data), tc.data)
			}
			warned := strings.Count(errOut.String(), "\n")
			switch {
			case tc.warn == "" && (warned != 0 || got.keep):
				t.Errorf("warnings %q, keep %v; want none, and the history saved", errOut.String(), got.keep)
			case tc.warn != "" && (warned != 1 || !strings.Contains(errOut.String(), tc.warn) || !got.keep):
				t.Errorf("warnings %q, keep %v; want one with %q, and the file left as it is", errOut.String(), got.keep, tc.warn)
			}
			if tc.warn != "" {
				before := lstatMode(path)
				lr := &linerReader{st: liner.NewLiner(), ios: ios, path: path, keep: got.keep}
				lr.AppendHistory("warm pool")
				lr.Close()
				if after := lstatMode(path); after != before || strings.Count(errOut.String(), "\n") != 1 {
					t.Errorf("the session ended with %v at the history path, was %v, and warned %q; want it left as it was, and no more warnings", after, before, errOut.String())
				}
			}
		})
	}
}

func lstatMode(path string) os.FileMode {
	info, err := os.Lstat(path)
	if err != nil {
		return 0
	}
	return info.Mode()
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
