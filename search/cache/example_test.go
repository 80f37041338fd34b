package cache_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/cache"
)

// Open builds the index of the notes on first use and opens it from disk
// afterwards, re-indexing what changed in between.
func ExampleCache_Open() {
	dir, err := os.MkdirTemp("", "crib-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	notes := filepath.Join(dir, "notes.md")
	os.WriteFile(notes, []byte("- SNS topics fan a message out to subscribers.\n"), 0o644)
	c := &cache.Cache{Dir: filepath.Join(dir, "cache"), Version: "example"}
	thesaurus := func() (*search.Thesaurus, error) { return search.NewThesaurus() }
	for range 2 {
		e, rep, err := c.Open(cache.Notes{Paths: []string{notes}}, thesaurus)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(rep.Action, e.Len())
		e.Close()
	}
	// Output:
	// rebuilt 1
	// fresh 1
}
