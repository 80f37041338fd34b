package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// benchNotes writes the built-in notes copies times over as files, so the
// cache benchmarks have notes on disk: about 860 snippets a copy.
func benchNotes(b *testing.B, copies int) Notes {
	b.Helper()
	dir := b.TempDir()
	data := corpus.EmbeddedData()
	for i := range copies {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("notes-%03d.md", i)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return Notes{Paths: []string{dir}}
}

func benchBuildCache(b *testing.B, copies int) {
	src := benchNotes(b, copies)
	n := 0
	b.ResetTimer()
	for range b.N {
		c := &Cache{Dir: b.TempDir(), Version: "bench"}
		rep, err := c.Refresh(src)
		if err != nil {
			b.Fatal(err)
		}
		n += rep.Indexed
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "snippets/s")
}

func BenchmarkBuildCache1Copy(b *testing.B)    { benchBuildCache(b, 1) }
func BenchmarkBuildCache12Copies(b *testing.B) { benchBuildCache(b, 12) }

func benchOpen(b *testing.B, copies int) {
	src := benchNotes(b, copies)
	c := &Cache{Dir: b.TempDir(), Version: "bench"}
	if _, err := c.Refresh(src); err != nil {
		b.Fatal(err)
	}
	th := testThesaurus(b)
	b.ResetTimer()
	for range b.N {
		e, rep, err := c.Open(src, func() (*search.Thesaurus, error) { return th, nil })
		if err != nil || rep.Action != ActionFresh {
			b.Fatalf("open: %v, %+v", err, rep)
		}
		e.Close()
	}
}

func BenchmarkOpen1Copy(b *testing.B)    { benchOpen(b, 1) }
func BenchmarkOpen12Copies(b *testing.B) { benchOpen(b, 12) }

func BenchmarkOpenBuiltin(b *testing.B) {
	c := &Cache{Dir: b.TempDir(), Version: "bench"}
	if _, err := c.Refresh(Notes{}); err != nil {
		b.Fatal(err)
	}
	th := testThesaurus(b)
	b.ResetTimer()
	for range b.N {
		e, _, err := c.Open(Notes{}, func() (*search.Thesaurus, error) { return th, nil })
		if err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
}

func BenchmarkQuery(b *testing.B) {
	c := &Cache{Dir: b.TempDir(), Version: "bench"}
	e, _, err := c.Open(benchNotes(b, 12), thesaurusFunc(b))
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	b.ResetTimer()
	for i := range b.N {
		if _, err := e.Search(cacheQuestions[i%len(cacheQuestions)], search.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
