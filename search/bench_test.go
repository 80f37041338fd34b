package search

import (
	"testing"

	"github.com/crib-dev/crib/corpus"
)

func BenchmarkBuildMemory(b *testing.B) {
	snippets := corpus.Embedded()
	th, err := NewThesaurus()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		e, err := Build(snippets, th)
		if err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
	b.ReportMetric(float64(len(snippets)*b.N)/b.Elapsed().Seconds(), "snippets/s")
}
