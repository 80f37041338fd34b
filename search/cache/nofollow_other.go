//go:build !unix

package cache

// Elsewhere crib relies on checkTree, which looks at every file of a
// generation with Lstat before anything is opened.
const (
	oNoFollow = 0
	oNonBlock = 0
)

func isSymlinkErr(error) bool { return false }
