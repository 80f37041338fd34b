//go:build !unix

package cmd

// openNonblock is 0 where there are no FIFOs to wait on.
const openNonblock = 0
