// Command wordnet derives crib's general-English synonym layer,
// synonyms/data/wordnet.txt, from WordNet 3.0 (Debian package wordnet-base).
//
//	make wordnet   # apt-get install wordnet-base; go run ./tools/wordnet > synonyms/data/wordnet.txt; make generate
//
// Every WordNet synset becomes at most one equivalence line, holding those
// of its lemmas for which the synset is one of their most frequent senses
// (-senses). Senses are ranked per analysed form, as crib matches them:
// "works" (a factory) and "work" are both the stem "work", so the senses of
// every lemma with that stem, in every part of speech, compete, ordered by
// how often WordNet's sense-tagged corpus used them (cntlist.rev). The
// layer is kept small and quiet:
//   - lower-case lemmas only (no proper nouns), letters and hyphens, at
//     least -minlen letters, one word (two with -twoword);
//   - no stop words, no exam boilerplate ("company", "solution"), no AWS
//     service names or aliases, and no words of them ("manager", "gateway")
//     unless -servicewords;
//   - with -domain=false, no word that crib's domain dictionaries
//     (synonyms.txt, paraphrases.txt, ...) already define;
//   - no AWS jargon whose everyday sense misleads ("instance" is not "case",
//     "bucket" is not "pail"): the jargon list below;
//   - no synsets on topics that never matter in DevOps notes (animals,
//     food, the body, emotions, weather: -skiptopics);
//   - only groups of 2 to -max distinct analysed forms;
//   - with -restrict (default), only groups where at least one lemma occurs
//     in crib's own notes (corpus/notes/*.md, not COVERAGE.md), since an
//     expansion can only help if it finds something.
//
// The rules are written after "#@weight W" (-weight), so they count less
// than the domain dictionaries.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/synonyms"
)

// jargon are everyday words that AWS uses as names of things; WordNet's
// senses of them ("instance" = example, "bucket" = pail, "role" = part in a
// play, "function" = mathematical relation) would send a question the wrong
// way. Words whose everyday sense is the AWS one ("stage", "step", "backup",
// "schedule") are not listed.
var jargon = strings.Fields(`instance function stack bucket role policy table queue
	topic event rule image volume template layer trail alarm metric cluster
	container secret parameter resource region zone account artifact target
	listener registry repository branch commit hook record shard stream snapshot
	vault domain certificate endpoint gateway subnet route peer node pod job tag
	token key session principal trust boundary unit hub guard shield config
	console agent document patch baseline window inventory lens trace segment
	filter pattern dashboard canary alias version revision environment
	application platform tier worker launch spot fleet class replica origin
	distribution edge cache behavior flow mirror transit attachment pool
	directory store manager advisor invoke handler runtime destination message
	batch consumer partition index item attribute manifest spec drift macro
	module transform signal sticky trigger matrix service task group build
	deploy plan`)

var (
	dir          = flag.String("wordnet", "/usr/share/wordnet", "WordNet database `dir` (index.* and data.*)")
	weight       = flag.Float64("weight", 0.6, "#@weight written before the rules, in (0, 1]")
	senses       = flag.Int("senses", 2, "a word joins a synset only if it is one of the `n` meanings the tagged corpus uses it in most (all parts of speech, all lemmas with the same stem)")
	tagged       = flag.Bool("tagged", true, "a word joins a synset only if the tagged corpus used it in that sense at all")
	share        = flag.Float64("share", 0, "and only if that sense makes at least this `fraction` of the word's tagged uses")
	maxGroup     = flag.Int("max", 6, "largest group (distinct analysed forms) written")
	minLen       = flag.Int("minlen", 4, "shortest lemma, in letters")
	twoWord      = flag.Bool("twoword", false, "also take two-word lemmas")
	restrict     = flag.Bool("restrict", true, "keep only groups where some lemma occurs in crib's notes")
	domain       = flag.Bool("domain", true, "also take words the domain dictionaries define (at the lower weight, beside their domain synonyms)")
	serviceWords = flag.Bool("servicewords", false, "also take words that are part of AWS service names")
	topics       = flag.String("skiptopics", "noun.animal,noun.body,noun.food,noun.plant,noun.feeling,verb.body,verb.emotion,verb.weather", "WordNet lexicographer files (topics) left out, comma-separated")
	useJargon    = flag.Bool("jargon", true, "leave out the AWS jargon listed in the generator")
	pos          = flag.String("pos", "noun,verb,adj,adv", "WordNet parts of speech read")
	repo         = flag.String("repo", ".", "crib repository root (for corpus/notes and synonyms/data)")
)

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "wordnet:", err)
		os.Exit(1)
	}
}

func key(s string) string { return strings.Join(analysis.PhraseTerms(s), " ") }

func run() error {
	if *weight <= 0 || *weight > 1 {
		return fmt.Errorf("-weight %v: want a number in (0, 1]", *weight)
	}
	skip := map[string]bool{} // analysed forms never taken
	for _, w := range analysis.BoilerplateWords {
		skip[key(w)] = true
	}
	if *useJargon {
		for _, w := range jargon {
			skip[key(w)] = true
		}
	}
	if err := skipDictionaries(skip); err != nil {
		return err
	}
	vocab := map[string]bool{}
	if *restrict {
		if err := readNotes(vocab); err != nil {
			return err
		}
	}

	counts, err := readCounts(filepath.Join(*dir, "cntlist.rev"))
	if err != nil {
		return err
	}
	// Rank the meanings of each analysed form: the synsets of every lemma
	// that analyses to it, in any part of speech, by how often WordNet's
	// tagged corpus used that lemma in that sense.
	poses := strings.Split(*pos, ",")
	type sense struct {
		synset string // pos letter + offset
		count  int
		number int // sense number of the lemma
	}
	meanings := map[string][]sense{}
	for _, p := range poses {
		idx, err := readIndex(filepath.Join(*dir, "index."+p))
		if err != nil {
			return err
		}
		for lemma, offs := range idx {
			k := key(strings.ReplaceAll(lemma, "_", " "))
			if k == "" {
				continue
			}
			for i, o := range offs {
				c := counts[fmt.Sprintf("%s|%c|%d", lemma, p[0], i+1)]
				meanings[k] = append(meanings[k], sense{string(p[0]) + o, c, i + 1})
			}
		}
	}
	top := map[string]map[string]bool{} // form -> its most frequent synsets
	for k, ss := range meanings {
		sort.Slice(ss, func(i, j int) bool {
			a, b := ss[i], ss[j]
			if a.count != b.count {
				return a.count > b.count
			}
			if a.number != b.number {
				return a.number < b.number
			}
			return a.synset < b.synset
		})
		total := 0
		for _, s := range ss {
			total += s.count
		}
		m := map[string]bool{}
		for _, s := range ss {
			if len(m) >= *senses || (*tagged && s.count == 0) || float64(s.count) < *share*float64(total) {
				break
			}
			m[s.synset] = true
		}
		top[k] = m
	}

	skipTopic := map[string]bool{}
	for _, t := range strings.Split(*topics, ",") {
		n, ok := lexFiles[strings.TrimSpace(t)]
		if !ok && t != "" {
			return fmt.Errorf("-skiptopics: unknown topic %q", t)
		}
		skipTopic[n] = true
	}

	type group struct{ forms, lemmas []string }
	var groups []group
	seen := map[string]bool{}
	for _, p := range poses {
		err = readData(filepath.Join(*dir, "data."+p), func(offset, topic string, lemmas []string) {
			if skipTopic[topic] {
				return
			}
			var g group
			forms := map[string]bool{}
			inNotes := false
			for _, l := range lemmas {
				if !wanted(l) {
					continue
				}
				word := strings.ReplaceAll(l, "_", " ")
				k := key(word)
				if k == "" || !top[k][string(p[0])+offset] || skip[k] || forms[k] || len(strings.Fields(k)) != len(strings.Fields(word)) {
					continue
				}
				forms[k] = true
				g.forms = append(g.forms, k)
				g.lemmas = append(g.lemmas, word)
				if inVocab(k, vocab) {
					inNotes = true
				}
			}
			if len(g.forms) < 2 || len(g.forms) > *maxGroup || (*restrict && !inNotes) {
				return
			}
			sorted := append([]string(nil), g.forms...)
			sort.Strings(sorted)
			sig := strings.Join(sorted, ",")
			if seen[sig] {
				return
			}
			seen[sig] = true
			groups = append(groups, g)
		})
		if err != nil {
			return err
		}
	}
	sort.Slice(groups, func(i, j int) bool {
		return strings.Join(groups[i].lemmas, ",") < strings.Join(groups[j].lemmas, ",")
	})

	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, `# crib general-English synonyms, derived from WordNet 3.0 (Princeton
# University; Debian package wordnet-base). Licence: wordnet.LICENSE.
# Generated, do not edit: %s
#
# One line per WordNet synset, keeping the lemmas for which it is one of the
# %d most frequent meanings of their stem in WordNet's sense-tagged corpus:
# lower-case words of %d+ letters; no AWS service names, exam boilerplate or
# AWS jargon ("instance", "bucket"); groups of 2-%d forms (the generator
# documents every filter). Weighted below the domain dictionaries.
#@weight %s
`, strings.Join(append([]string{"go run ./tools/wordnet"}, os.Args[1:]...), " "), *senses, *minLen, *maxGroup, strconv.FormatFloat(*weight, 'f', -1, 64))
	for _, g := range groups {
		fmt.Fprintln(w, strings.Join(g.lemmas, ", "))
	}
	return w.Flush()
}

var lemmaRE = regexp.MustCompile(`^[a-z][a-z-]*[a-z](_[a-z][a-z-]*[a-z])?$`)

// wanted reports whether a WordNet lemma (as written in data.*, adjective
// markers removed) may enter the layer at all.
func wanted(l string) bool {
	if !lemmaRE.MatchString(l) { // capitalised (proper noun), digits, 3+ words
		return false
	}
	parts := strings.Split(l, "_")
	if len(parts) == 2 && !*twoWord {
		return false
	}
	for _, p := range parts {
		if len(p) < *minLen || analysis.IsStopWord(p) {
			return false
		}
	}
	return true
}

func inVocab(k string, vocab map[string]bool) bool {
	for _, t := range strings.Fields(k) {
		if !vocab[t] {
			return false
		}
	}
	return true
}

// skipDictionaries adds to skip the service names and aliases (and, unless
// -servicewords, every word of them), and unless -domain every term of the
// domain dictionaries.
func skipDictionaries(skip map[string]bool) error {
	data := filepath.Join(*repo, "synonyms", "data")
	b, err := os.ReadFile(filepath.Join(data, "services.txt"))
	if err != nil {
		return err
	}
	cat, err := synonyms.ParseCatalog("services.txt", b)
	if err != nil {
		return err
	}
	for _, s := range cat.Services {
		for _, n := range append(append([]string{s.Name}, s.Aliases...), s.Kinds...) {
			skip[key(n)] = true
			if !*serviceWords {
				for _, t := range analysis.PhraseTerms(n) {
					skip[t] = true
				}
			}
		}
	}
	if *domain {
		return nil
	}
	files, _ := filepath.Glob(filepath.Join(data, "*.txt"))
	for _, f := range files {
		base := filepath.Base(f)
		if base == "services.txt" || base == "wordnet.txt" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		rules, err := synonyms.ParseSolr(base, b)
		if err != nil {
			return err
		}
		for _, r := range rules {
			for _, t := range r.From { // the left side: words the domain defines
				skip[key(t)] = true
			}
		}
	}
	return nil
}

// readNotes adds every analysed term of crib's embedded notes to vocab.
func readNotes(vocab map[string]bool) error {
	files, err := filepath.Glob(filepath.Join(*repo, "corpus", "notes", "*.md"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no notes under %s/corpus/notes", *repo)
	}
	for _, f := range files {
		if filepath.Base(f) == "COVERAGE.md" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, t := range analysis.Terms(string(b)) {
			vocab[t] = true
		}
	}
	return nil
}

// readIndex reads an index.<pos> file: for each lemma, its synset offsets
// in sense-number order.
func readIndex(path string) (map[string][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (apt-get install wordnet-base)", err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") { // licence header
			continue
		}
		// lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
		fl := strings.Fields(line)
		if len(fl) < 6 {
			continue
		}
		nsyn, _ := strconv.Atoi(fl[2])
		np, _ := strconv.Atoi(fl[3])
		if 4+np+2+nsyn > len(fl) {
			return nil, fmt.Errorf("%s: malformed line %q", path, line)
		}
		out[fl[0]] = fl[4+np+2:]
	}
	return out, sc.Err()
}

// readCounts reads cntlist.rev (sense_key sense_number tag_cnt) into
// "lemma|pos|sense_number" -> how often the tagged corpus used that sense.
func readCounts(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (apt-get install wordnet-base)", err)
	}
	defer f.Close()
	pos := map[byte]byte{'1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a'}
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fl := strings.Fields(sc.Text())
		if len(fl) != 3 {
			continue
		}
		lemma, rest, ok := strings.Cut(fl[0], "%")
		if !ok || rest == "" || pos[rest[0]] == 0 {
			continue
		}
		c, _ := strconv.Atoi(fl[2])
		out[fmt.Sprintf("%s|%c|%s", lemma, pos[rest[0]], fl[1])] += c
	}
	return out, sc.Err()
}

var adjMarker = regexp.MustCompile(`\([a-z]+\)$`)

// lexFiles numbers WordNet's lexicographer files (lexnames(5WN)) that
// -skiptopics may name.
var lexFiles = map[string]string{
	"noun.animal": "05", "noun.body": "08", "noun.feeling": "12", "noun.food": "13",
	"noun.person": "18", "noun.plant": "20", "noun.substance": "27",
	"verb.body": "29", "verb.emotion": "37", "verb.weather": "43",
}

// readData calls fn with the offset, lexicographer file number and lemmas
// of every synset of a data.<pos> file.
func readData(path string, fn func(offset, topic string, lemmas []string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w (apt-get install wordnet-base)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue
		}
		// synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] ...
		fl := strings.Fields(line)
		if len(fl) < 4 {
			continue
		}
		n, err := strconv.ParseInt(fl[3], 16, 32)
		if err != nil || 4+2*int(n) > len(fl) {
			return fmt.Errorf("%s: malformed line %.60q", path, line)
		}
		lemmas := make([]string, 0, n)
		for i := 0; i < int(n); i++ {
			lemmas = append(lemmas, adjMarker.ReplaceAllString(fl[4+2*i], ""))
		}
		fn(fl[0], fl[1], lemmas)
	}
	return sc.Err()
}
