//go:build unix

package cache

import (
	"fmt"
	"syscall"
)

// bytesPerSnippet is what an indexed snippet takes in a generation, with
// room to spare: the built-in notes take about 600 bytes each.
const bytesPerSnippet = 1500

// checkSpace fails with ENOSPC when the file system of dir plainly lacks
// room for an index of n snippets. bleve panics when the disk fills while
// it merges segments in goroutines of its own, where no recover reaches,
// so a build that cannot fit is not started.
func checkSpace(dir string, n int) error {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return nil // cannot tell: try
	}
	free := uint64(st.Bavail) * uint64(st.Bsize)
	if need := uint64(n)*bytesPerSnippet + 1<<20; free < need {
		return fmt.Errorf("%d bytes free, about %d needed: %w", free, need, syscall.ENOSPC)
	}
	return nil
}
