//go:build !linux

package cmd

import "os"

// pendingBytes cannot tell here without reading standard input, which
// might wait on an open pipe: it says it does not know.
func pendingBytes(*os.File) (int, bool) { return 0, false }
