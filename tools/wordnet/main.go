// Command wordnet derives crib's general-English synonym layer,
// synonyms/data/wordnet.txt, from WordNet 3.0 (Debian package wordnet-base).
//
//	apt-get install wordnet-base
//	go run ./tools/wordnet > synonyms/data/wordnet.txt
//
// Every WordNet synset becomes at most one equivalence line, holding those
// of its lemmas for which the synset is one of their most frequent senses
// (the order of index.noun, index.verb, ...; -senses). The layer is kept
// small and quiet:
//   - lower-case lemmas only (no proper nouns), letters and hyphens, at
//     least -minlen letters, one word (two with -twoword);
//   - no stop words, no exam boilerplate ("company", "solution"), no AWS
//     service names or aliases, and no words of them ("manager", "gateway")
//     unless -servicewords;
//   - no word that crib's domain dictionaries (synonyms.txt,
//     paraphrases.txt) already define, unless -domain: those know what the
//     word means on AWS;
//   - no AWS jargon whose everyday sense misleads ("instance" is not "case",
//     "bucket" is not "pail"): the jargon list below;
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

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/synonyms"
)

// jargon are everyday words that AWS uses as names of things; WordNet's
// senses of them ("instance" = example, "stack" = pile, "role" = part in a
// play) would send a question the wrong way.
var jargon = strings.Fields(`instance instances function stack bucket role policy table
	queue topic event rule pipeline group image volume template layer trail alarm
	metric cluster task service container secret parameter resource region zone
	account stage artifact build deploy deployment target listener registry
	repository branch commit hook step state record shard stream snapshot backup
	vault domain certificate endpoint gateway subnet route peer node pod job
	schedule budget tag output input condition mapping change set key token
	session identity principal trust user permission boundary organization unit
	hub inspector guard shield config console agent document automation patch
	baseline window association inventory compliance insight lens trace segment
	log logs filter pattern dashboard canary alias version revision environment
	application platform tier worker launch scaling scale capacity spot fleet
	reserved savings plan lifecycle tier class replica replication failover
	health check probe listener rule weight latency geolocation record hosted
	origin distribution edge cache behavior signed flow mirror transit attachment
	firewall access control list table pool federation directory secret rotation
	parameter store manager advisor trusted change calendar maintenance run
	command invoke invocation handler runtime concurrency provisioned destination
	dead letter message batch window shard consumer producer partition index
	item attribute global local secondary read write capacity unit throughput
	artifact manifest spec stack drift resource import export macro module
	transform nested custom signal wait creation deletion retain snapshot
	draining sticky target weighted blue green canary linear rolling immutable
	traffic shift hook approval action source provider webhook trigger matrix`)

// boilerplate pads exam questions; crib weighs it down (search/boilerplate.go)
// and a synonym would only give it weight back.
var boilerplate = strings.Fields(`company companies organization organisation enterprise
	business team teams customer customers requirement requirements require requires
	solution solutions meet meets least most operational overhead effort choose
	following option options step steps combination engineer engineers want wants
	need needs ensure way ways approach best recently currently new use uses using
	implement accomplish achieve task tasks able please correct statement
	statements true describe scenario given manager asked asks like make sure
	professional developer developers administrator architect someone several many
	various some`)

var (
	dir          = flag.String("wordnet", "/usr/share/wordnet", "WordNet database `dir` (index.* and data.*)")
	weight       = flag.Float64("weight", 0.4, "#@weight written before the rules, in (0, 1]")
	senses       = flag.Int("senses", 1, "a lemma joins a synset only if it is one of its first `n` senses")
	tagged       = flag.Bool("tagged", true, "a lemma joins a synset only if that sense was seen in WordNet's tagged corpus")
	maxGroup     = flag.Int("max", 6, "largest group (distinct analysed forms) written")
	minLen       = flag.Int("minlen", 4, "shortest lemma, in letters")
	twoWord      = flag.Bool("twoword", false, "also take two-word lemmas")
	restrict     = flag.Bool("restrict", true, "keep only groups where some lemma occurs in crib's notes")
	domain       = flag.Bool("domain", false, "also take words the domain dictionaries define")
	serviceWords = flag.Bool("servicewords", false, "also take words that are part of AWS service names")
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

func key(s string) string { return strings.Join(search.PhraseTerms(s), " ") }

func run() error {
	if *weight <= 0 || *weight > 1 {
		return fmt.Errorf("-weight %v: want a number in (0, 1]", *weight)
	}
	skip := map[string]bool{} // analysed forms never taken
	for _, w := range boilerplate {
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

	type group struct{ forms, lemmas []string }
	var groups []group
	seen := map[string]bool{}
	for _, p := range strings.Split(*pos, ",") {
		rank, err := readIndex(filepath.Join(*dir, "index."+p))
		if err != nil {
			return err
		}
		err = readData(filepath.Join(*dir, "data."+p), func(offset string, lemmas []string) {
			var g group
			forms := map[string]bool{}
			inNotes := false
			for _, l := range lemmas {
				if !wanted(l) {
					continue
				}
				lower := strings.ToLower(l)
				if r, ok := rank[lower][offset]; !ok || r >= *senses {
					continue
				}
				word := strings.ReplaceAll(lower, "_", " ")
				k := key(word)
				if k == "" || skip[k] || forms[k] || len(strings.Fields(k)) != len(strings.Fields(word)) {
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
	sort.Slice(groups, func(i, j int) bool { return groups[i].lemmas[0] < groups[j].lemmas[0] })

	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, `# crib general-English synonyms, derived from WordNet 3.0 (Princeton
# University; Debian package wordnet-base). Licence: wordnet.LICENSE.
# Generated, do not edit: go run ./tools/wordnet %s
#
# Each line is one WordNet synset, keeping only lemmas for which it is one of
# their first %d sense(s)%s; single lower-case words of %d+ letters%s; no AWS service
# names, exam boilerplate, AWS jargon%s; groups of 2-%d forms%s.
# Weighted below the domain dictionaries.
#@weight %s
`, strings.Join(os.Args[1:], " "), *senses, map[bool]string{true: " (and seen in WordNet's tagged corpus)"}[*tagged],
		*minLen, map[bool]string{true: " (or two-word lemmas)"}[*twoWord],
		map[bool]string{false: " or words the domain dictionaries define"}[*domain], *maxGroup,
		map[bool]string{true: " with at least one lemma in crib's notes"}[*restrict],
		strconv.FormatFloat(*weight, 'f', -1, 64))
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
		if len(p) < *minLen || search.IsStopWord(p) {
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
				for _, t := range search.PhraseTerms(n) {
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
		for _, t := range search.Terms(string(b)) {
			vocab[t] = true
		}
	}
	return nil
}

// readIndex reads an index.<pos> file: for each lemma, the rank (0 = most
// frequent) of each of its synsets, limited to tagged senses with -tagged.
func readIndex(path string) (map[string]map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (apt-get install wordnet-base)", err)
	}
	defer f.Close()
	out := map[string]map[string]int{}
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
		ntagged, _ := strconv.Atoi(fl[4+np+1])
		offs := fl[4+np+2:]
		m := map[string]int{}
		for i, o := range offs {
			if *tagged && i >= ntagged {
				break
			}
			m[o] = i
		}
		out[fl[0]] = m
	}
	return out, sc.Err()
}

var adjMarker = regexp.MustCompile(`\([a-z]+\)$`)

// readData calls fn with the offset and lemmas of every synset of a
// data.<pos> file.
func readData(path string, fn func(offset string, lemmas []string)) error {
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
		fn(fl[0], lemmas)
	}
	return sc.Err()
}
