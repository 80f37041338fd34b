package check

import "slices"

// about finds, for each note an option holds, the option it is about:
// the one whose whole text it says first ("Parameter Store has no
// built-in secret rotation; rotation requires Secrets Manager" is about
// Parameter Store), whether or not that option's best notes include it.
// A note against an option it is not about is not against that option,
// and a note counts fully only for the option it is about (see settle).
// It returns each note's option.
func about(opts []OptionEvidence, optDocs []checkDoc, docs []checkDoc) map[int]int {
	held := map[int]bool{} // notes some option holds
	for _, o := range opts {
		for _, s := range o.Support {
			held[s.doc] = true
		}
		for _, s := range o.Against {
			held[s.doc] = true
		}
	}
	subject := map[int]int{}
	for doc := range held {
		best, at := -1, -1
		for i := range opts {
			if p := indexSeq(docs[doc].text.seq, optDocs[i].text.seq); p >= 0 && (at < 0 || p < at) {
				best, at = i, p
			}
		}
		if best >= 0 {
			subject[doc] = best
		}
	}
	for i := range opts {
		o := &opts[i]
		kept := o.Against[:0]
		for _, s := range o.Against {
			if j, ok := subject[s.doc]; ok && j != i {
				o.Support = append(o.Support, s)
				continue
			}
			kept = append(kept, s)
		}
		o.Against = kept
	}
	return subject
}

// indexSeq is where sub first stands in seq, word for word, or -1.
func indexSeq(seq, sub []string) int {
	if len(sub) == 0 {
		return -1
	}
	for i := 0; i+len(sub) <= len(seq); i++ {
		if slices.Equal(seq[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
