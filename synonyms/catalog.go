package synonyms

import (
	"bufio"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Service is one entry of the AWS service catalogue.
type Service struct {
	Name    string   `json:"service"`
	Aliases []string `json:"aliases"`
	// Kinds are variants or parts of the service (File Gateway for
	// Storage Gateway): each names the service, but they are not
	// synonyms of each other.
	Kinds    []string   `json:"kinds,omitempty"`
	Category string     `json:"category"`
	Related  []Relation `json:"related"`
}

// Relation links a service to another with the reason a student should
// read about both.
type Relation struct {
	Service string `json:"service"`
	Why     string `json:"why"`
}

// Catalog is the service catalogue: the one source of truth for service
// names and aliases, which also feed the synonym dictionary.
type Catalog struct {
	Services []Service
	index    map[string]int // lower-cased name or alias -> Services index
}

// ParseCatalog reads the catalogue format: blocks separated by blank lines,
//
//	service: EventBridge
//	aliases: Amazon EventBridge, CloudWatch Events, CWE
//	category: monitoring
//	related: Lambda | runs functions as rule targets
func ParseCatalog(name string, data []byte) (*Catalog, error) {
	// Names and aliases are about one in 64 bytes of the built-in file.
	c := &Catalog{index: make(map[string]int, len(data)/64)}
	var cur *Service
	lines := map[string]int{}
	// Lines are cut from one copy of the file, not allocated one by one.
	rest := string(data)
	n := 0
	for rest != "" {
		var raw string
		raw, rest, _ = strings.Cut(rest, "\n")
		if len(raw) >= bufio.MaxScanTokenSize {
			return nil, &ParseError{name, n + 1, bufio.ErrTooLong.Error()}
		}
		n++
		line := strings.TrimSpace(strings.TrimPrefix(raw, "\uFEFF"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			return nil, &ParseError{name, n, fmt.Sprintf("want \"key: value\", got %q", line)}
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if key == "service" {
			// Fold inner space as Lookup does, so every name can be found.
			val = strings.Join(strings.Fields(val), " ")
			if val == "" {
				return nil, &ParseError{name, n, "empty service name"}
			}
			c.Services = append(c.Services, Service{Name: val})
			cur = &c.Services[len(c.Services)-1]
			lines[val] = n
			if err := c.addName(val, len(c.Services)-1); err != nil {
				return nil, &ParseError{name, n, err.Error()}
			}
			continue
		}
		if cur == nil {
			return nil, &ParseError{name, n, fmt.Sprintf("%q before the first \"service:\" line", key)}
		}
		if err := c.setField(cur, key, val); err != nil {
			return nil, &ParseError{name, n, err.Error()}
		}
	}
	if err := c.checkRelations(); err != nil {
		return nil, &ParseError{name, lines[err.service], err.msg}
	}
	return c, nil
}

func (c *Catalog) setField(s *Service, key, val string) error {
	switch key {
	case "aliases":
		terms, err := c.names(val)
		if err != nil {
			return err
		}
		s.Aliases = append(s.Aliases, terms...)
	case "kinds":
		terms, err := c.names(val)
		if err != nil {
			return err
		}
		s.Kinds = append(s.Kinds, terms...)
	case "category":
		s.Category = val
	case "related":
		svc, why, ok := strings.Cut(val, "|")
		if !ok || strings.TrimSpace(svc) == "" || strings.TrimSpace(why) == "" {
			return fmt.Errorf("want \"related: Service | reason\", got %q", val)
		}
		s.Related = append(s.Related, Relation{Service: strings.TrimSpace(svc), Why: strings.TrimSpace(why)})
	default:
		return fmt.Errorf("unknown key %q (want service, aliases, kinds, category or related)", key)
	}
	return nil
}

// names splits a list of names and indexes each for the service being
// read, so that Lookup finds it.
func (c *Catalog) names(val string) ([]string, error) {
	terms, err := splitTerms(val)
	if err != nil {
		return nil, err
	}
	for _, t := range terms {
		if err := c.addName(t, len(c.Services)-1); err != nil {
			return nil, err
		}
	}
	return terms, nil
}

func (c *Catalog) addName(name string, i int) error {
	k := strings.ToLower(name)
	if j, dup := c.index[k]; dup && j != i {
		return fmt.Errorf("%q already names %s", name, c.Services[j].Name)
	}
	c.index[k] = i
	return nil
}

type relationError struct{ service, msg string }

func (c *Catalog) checkRelations() *relationError {
	for _, s := range c.Services {
		for _, r := range s.Related {
			if _, ok := c.Lookup(r.Service); !ok {
				return &relationError{s.Name, fmt.Sprintf("%s is related to unknown service %q", s.Name, r.Service)}
			}
		}
	}
	return nil
}

// Lookup finds a service by its name or an alias, ignoring case.
func (c *Catalog) Lookup(name string) (*Service, bool) {
	i, ok := c.index[strings.ToLower(foldSpace(name))]
	if !ok {
		return nil, false
	}
	return &c.Services[i], true
}

// Rules returns one equivalence rule per service (its name and aliases)
// and one one-way rule from its kinds to its name.
func (c *Catalog) Rules() []Rule {
	out := make([]Rule, 0, len(c.Services))
	for _, s := range c.Services {
		terms := append([]string{s.Name}, s.Aliases...)
		out = append(out, Rule{From: terms, Service: s.Name, Source: "services"})
		if len(s.Kinds) > 0 {
			out = append(out, Rule{From: s.Kinds, To: []string{s.Name}, OneWay: true, Service: s.Name, Source: "services"})
		}
	}
	return out
}

// Names returns every service name and alias, sorted.
func (c *Catalog) Names() []string {
	out := make([]string, 0, len(c.index))
	for k := range c.index {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Parts returns the services that are parts of the named one, in
// catalogue order: those whose name or an alias is one of its names
// followed by their own name, as "SSM Parameter Store" makes Parameter
// Store a part of Systems Manager (SSM) and "SSM Automation" makes SSM
// Automation one. A service with parts of its own is a family, not a part:
// "EC2 Systems Manager" does not make Systems Manager a part of EC2.
func (c *Catalog) Parts(name string) []string {
	s, ok := c.Lookup(name)
	if !ok {
		return nil
	}
	var out []string
	for i := range c.Services {
		p := &c.Services[i]
		if p.Name != s.Name && c.partOf(p, s) && !c.hasParts(p) {
			out = append(out, p.Name)
		}
	}
	return out
}

func (c *Catalog) hasParts(s *Service) bool {
	for i := range c.Services {
		if p := &c.Services[i]; p.Name != s.Name && c.partOf(p, s) {
			return true
		}
	}
	return false
}

// partOf reports whether a name of p is a name of s, a space, and p's
// own name, or p's name starts with a name of s and a space.
func (c *Catalog) partOf(p, s *Service) bool {
	for _, sn := range append([]string{s.Name}, s.Aliases...) {
		prefix := strings.ToLower(sn) + " "
		if strings.HasPrefix(strings.ToLower(p.Name), prefix) {
			return true
		}
		for _, a := range p.Aliases {
			if strings.EqualFold(a, sn+" "+p.Name) {
				return true
			}
		}
	}
	return false
}

// foldSpace trims s and folds every run of white space to one space, as
// strings.Join(strings.Fields(s), " ") does, without allocating when only
// the ends need trimming, as for nearly every name.
func foldSpace(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= utf8.RuneSelf || (b != ' ' && asciiSpace[b]) || (b == ' ' && s[i+1] == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// asciiSpace holds the ASCII bytes unicode.IsSpace calls space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
