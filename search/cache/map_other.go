//go:build !unix

package cache

// mapRegular reads a regular file of at most limit bytes where crib
// does not map files.
func mapRegular(path string, limit int64) ([]byte, error) { return readRegular(path, limit) }
