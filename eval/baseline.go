package main

import (
	"os"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// baseline is plain bleve BM25 with the en analyzer (Porter stemming),
// one document per non-empty line: the yardstick crib is compared with.
type baseline struct {
	idx   bleve.Index
	lines []string
}

func newBaseline(notes string) (*baseline, error) {
	data, err := os.ReadFile(notes)
	if err != nil {
		return nil, err
	}
	m := mapping.NewIndexMapping()
	m.DefaultAnalyzer = en.AnalyzerName
	m.ScoringModel = index.BM25Scoring
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	b := &baseline{idx: idx}
	batch := idx.NewBatch()
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		id := len(b.lines)
		b.lines = append(b.lines, l)
		if err := batch.Index(docID(id), map[string]string{"text": l}); err != nil {
			return nil, err
		}
	}
	return b, idx.Batch(batch)
}

func docID(i int) string {
	s := "0000000" + itoa(i)
	return s[len(s)-8:]
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}

func (b *baseline) top(q string, n int) ([]string, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), n, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	res, err := b.idx.Search(req)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, h := range res.Hits {
		var i int
		for _, c := range h.ID {
			i = i*10 + int(c-'0')
		}
		out = append(out, b.lines[i])
	}
	return out, nil
}
