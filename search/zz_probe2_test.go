package search

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/crib-dev/crib/corpus"
)

func probeLoad(t *testing.T) []corpus.Snippet {
	dir := os.Getenv("PROBE_DIR")
	if dir == "" {
		t.Skip()
	}
	sn, _, err := corpus.Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	return sn
}

func indexPar(idx bleve.Index, sn []corpus.Snippet, workers, batch int) {
	var wg sync.WaitGroup
	ch := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for start := range ch {
				b := idx.NewBatch()
				for i := start; i < min(start+batch, len(sn)); i++ {
					b.Index(docID(i), document(sn[i]))
				}
				if err := idx.Batch(b); err != nil {
					panic(err)
				}
			}
		}()
	}
	for s := 0; s < len(sn); s += batch {
		ch <- s
	}
	close(ch)
	wg.Wait()
}

func probeQuery(t *testing.T, name, path string) {
	t0 := time.Now()
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true, "bolt_timeout": "1s"})
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Now()
	e := &Engine{idx: idx, snippets: make([]corpus.Snippet, 200000), vocab: map[string]int{}, surface: map[string]string{}}
	e.th, _ = NewThesaurus()
	t2 := time.Now()
	_, err = e.Search("codedeploy lifecycle hooks rollback", Options{})
	t3 := time.Now()
	ents, _ := os.ReadDir(filepath.Join(path, "store"))
	var size int64
	filepath.Walk(path, func(p string, fi os.FileInfo, err error) error { size += fi.Size(); return nil })
	t.Logf("%s: open %v search %v files %d size %d MB err %v", name, t1.Sub(t0), t3.Sub(t2), len(ents), size>>20, err)
	idx.Close()
}

func TestProbeDisk(t *testing.T) {
	sn := probeLoad(t)
	base := t.TempDir()
	for _, v := range []struct {
		name   string
		mem    bool
		config map[string]interface{}
		w, b   int
	}{
		{"mem-5000-copy", true, nil, 1, 5000},
		{"mem-par2-5000-copy", true, nil, 2, 5000},
		{"mem-par3-10000-copy", true, nil, 3, 10000},
	} {
		path := filepath.Join(base, v.name)
		t0 := time.Now()
		p := path
		if v.mem {
			p = ""
		}
		idx, err := bleve.NewUsing(p, NewMapping(), scorch.Name, scorch.Name, v.config)
		if err != nil {
			t.Fatal(err)
		}
		indexPar(idx, sn, v.w, v.b)
		t1 := time.Now()
		if v.mem {
			idx.(bleve.IndexCopyable).CopyTo(bleve.FileSystemDirectory(path))
			os.WriteFile(filepath.Join(path, "index_meta.json"), []byte(`{"storage":"scorch","index_type":"scorch"}`), 0o644)
		}
		idx.Close()
		t2 := time.Now()
		t.Logf("%s: index %v close/copy %v", v.name, t1.Sub(t0), t2.Sub(t1))
		probeQuery(t, v.name, path)
	}
}
