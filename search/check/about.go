package check

import "slices"

// about finds, for each note an option holds, the option it is about:
// the one whose whole text it says first ("Parameter Store has no
// built-in secret rotation; rotation requires Secrets Manager" is about
// Parameter Store), whether or not that option's best notes include it.
// A note against an option it is not about is not against that option,
// a note against most options is against none, and a note counts fully
// only for the option it is about (see settle).
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
			if p := saysOption(docs[doc].text.seq, optDocs[i].text.seq); p >= 0 && (at < 0 || p < at) {
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
	// A note still against most of the options denies the situation, not
	// one option: trial 7 saw "Config will not automatically remediate …"
	// against four of five options. It tells none apart.
	against := map[int]int{} // note -> options it is against
	for _, o := range opts {
		for _, s := range o.Against {
			against[s.doc]++
		}
	}
	for i := range opts {
		o := &opts[i]
		o.Against = slices.DeleteFunc(o.Against, func(s Support) bool {
			n := against[s.doc]
			return n >= 2 && 2*n > len(opts)
		})
	}
	return subject
}

// saysOption is where a note first says an option: its whole text, or,
// for an option of a few words (a name: "Systems Manager Parameter Store
// standard tier"), at least half of them from its start, two or more
// ("Systems Manager Parameter Store SecureString …"). It is -1 when the
// note does not. (Any two words in a row of the option, not only its
// start, took exam top-1 from 0.486 to 0.475.)
func saysOption(note, option []string) int {
	if p := indexSeq(note, option); p >= 0 || len(option) > maxNameWords {
		return p
	}
	for n := len(option) - 1; n >= 2 && 2*n >= len(option); n-- {
		if p := indexSeq(note, option[:n]); p >= 0 {
			return p
		}
	}
	return -1
}

// maxNameWords is the most words an option may have to be said by its
// start alone: a longer one is a sentence, whose first words ("create an
// alarm") say little of it.
const maxNameWords = 6

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
