package synonyms_test

import (
	"fmt"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"

	"github.com/crib-dev/crib/synonyms"
)

const goodCatalog = `# the services a DOP-C02 student meets
service: EventBridge
aliases: Amazon EventBridge, CloudWatch  Events, CWE
category: monitoring
related: SNS | notifies subscribers
related: lambda | runs functions as rule targets

service:   Auto   Scaling
aliases: ASG, auto scaling group
category: compute

service: SNS
aliases: Simple Notification Service, sns
category: messaging

service: Lambda
`

func TestParseCatalog(t *testing.T) {
	c, err := synonyms.ParseCatalog("services.txt", []byte(goodCatalog))
	if err != nil {
		t.Fatalf("ParseCatalog: %v", err)
	}
	want := []synonyms.Service{
		{
			Name:     "EventBridge",
			Aliases:  []string{"Amazon EventBridge", "CloudWatch Events", "CWE"},
			Category: "monitoring",
			Related: []synonyms.Relation{
				{Service: "SNS", Why: "notifies subscribers"},
				{Service: "lambda", Why: "runs functions as rule targets"},
			},
		},
		{Name: "Auto Scaling", Aliases: []string{"ASG", "auto scaling group"}, Category: "compute"},
		{Name: "SNS", Aliases: []string{"Simple Notification Service", "sns"}, Category: "messaging"},
		{Name: "Lambda"},
	}
	if !reflect.DeepEqual(c.Services, want) {
		t.Errorf("services differ\n got: %#v\nwant: %#v", c.Services, want)
	}
}

func TestCatalogLookup(t *testing.T) {
	c, err := synonyms.ParseCatalog("services.txt", []byte(goodCatalog))
	if err != nil {
		t.Fatalf("ParseCatalog: %v", err)
	}
	tests := []struct {
		name, in, want string // want "" for not found
	}{
		{"by name", "EventBridge", "EventBridge"},
		{"by name in lower case", "eventbridge", "EventBridge"},
		{"by alias in upper case", "CLOUDWATCH EVENTS", "EventBridge"},
		{"by alias with extra space", "  cloudwatch \t events ", "EventBridge"},
		{"by short alias", "cwe", "EventBridge"},
		{"name written with extra space in the file", "auto scaling", "Auto Scaling"},
		{"alias", "asg", "Auto Scaling"},
		{"alias repeating the name", "SNS", "SNS"},
		{"unknown", "Kinesis", ""},
		{"part of a name", "cloudwatch", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := c.Lookup(tt.in)
			got := ""
			if ok {
				got = s.Name
			}
			if got != tt.want {
				t.Errorf("Lookup(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestCatalogRulesAndNames(t *testing.T) {
	c, err := synonyms.ParseCatalog("services.txt", []byte(goodCatalog))
	if err != nil {
		t.Fatalf("ParseCatalog: %v", err)
	}
	wantRules := []synonyms.Rule{
		{From: []string{"EventBridge", "Amazon EventBridge", "CloudWatch Events", "CWE"}, Service: "EventBridge", Source: "services"},
		{From: []string{"Auto Scaling", "ASG", "auto scaling group"}, Service: "Auto Scaling", Source: "services"},
		{From: []string{"SNS", "Simple Notification Service", "sns"}, Service: "SNS", Source: "services"},
		{From: []string{"Lambda"}, Service: "Lambda", Source: "services"},
	}
	if got := c.Rules(); !reflect.DeepEqual(got, wantRules) {
		t.Errorf("Rules() differ\n got: %#v\nwant: %#v", got, wantRules)
	}
	wantNames := []string{"amazon eventbridge", "asg", "auto scaling", "auto scaling group", "cloudwatch events",
		"cwe", "eventbridge", "lambda", "simple notification service", "sns"}
	if got := c.Names(); !reflect.DeepEqual(got, wantNames) {
		t.Errorf("Names() differ\n got: %#v\nwant: %#v", got, wantNames)
	}
}

func TestParseCatalogErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line int
		msg  string // the message must contain this
	}{
		{"unknown key", "service: SNS\ncolour: blue\n", 2, `unknown key "colour"`},
		{"key in upper case is unknown", "service: SNS\nCategory: messaging\n", 2, `unknown key "Category"`},
		{"missing colon", "service: SNS\naliases Simple Notification Service\n", 2, `want "key: value"`},
		{"key before the first service", "# header\naliases: CWE\nservice: EventBridge\n", 2, `"aliases" before the first "service:" line`},
		{"duplicate alias across services", "service: SNS\naliases: notify\n\nservice: SES\naliases: email, Notify\n", 5,
			`"Notify" already names SNS`},
		{"alias naming another service", "service: SNS\n\nservice: SQS\naliases: sns\n", 4, `"sns" already names SNS`},
		{"duplicate service", "service: SNS\n\nservice: sns\n", 3, `"sns" already names SNS`},
		{"related to unknown service", "service: SNS\n\nservice: SQS\nrelated: Kinesis | streams\n", 3,
			`SQS is related to unknown service "Kinesis"`},
		{"related without a reason", "service: SNS\nrelated: SNS\n", 2, `want "related: Service | reason"`},
		{"related with an empty side", "service: SNS\nrelated:  | why\n", 2, `want "related: Service | reason"`},
		{"empty alias", "service: SNS\naliases: a,,b\n", 2, "empty term"},
		{"empty service name", "service:\naliases: x\n", 1, "empty service name"},
		{"line too long for the scanner", "service: SNS\naliases: " + strings.Repeat("x", 70000) + "\n", 2, "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := synonyms.ParseCatalog("services.txt", []byte(tt.in))
			checkParseError(t, err, "services.txt", tt.line, tt.msg)
			if c != nil {
				t.Errorf("catalog = %#v, want none with an error", c)
			}
		})
	}
}

func TestParseCatalogByteOrderMark(t *testing.T) {
	c, err := synonyms.ParseCatalog("services.txt", []byte("\uFEFFservice: SNS\r\naliases: Simple Notification Service\r\n"))
	if err != nil {
		t.Fatalf("ParseCatalog: %v", err)
	}
	if s, ok := c.Lookup("simple notification service"); !ok || s.Name != "SNS" {
		t.Errorf("Lookup = %#v, %v; want SNS", s, ok)
	}
}

// autoScaling is the canonical name data/services.txt gives the service
// that "ASG" names.
const autoScaling = "Auto Scaling"

func TestBuiltin(t *testing.T) {
	rules, cat, err := synonyms.Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	if n := len(cat.Services); n < 120 {
		t.Errorf("catalogue has %d services, want at least 120", n)
	}
	for _, r := range rules {
		if len(r.From) == 0 || r.OneWay && len(r.To) == 0 {
			t.Errorf("%s:%d: rule without terms: %#v", r.Source, r.Line, r)
		}
		for _, term := range append(append([]string(nil), r.From...), r.To...) {
			if strings.TrimSpace(term) == "" {
				t.Errorf("%s:%d: empty term in %#v", r.Source, r.Line, r)
			}
		}
	}
	for _, s := range cat.Services {
		if got, ok := cat.Lookup(s.Name); !ok || got.Name != s.Name {
			t.Errorf("Lookup(%q) does not find the service itself", s.Name)
		}
	}
	d := synonyms.Compile(rules, lowerWords)
	for _, name := range []string{"asg", "ASG", "auto scaling group"} {
		if got := d.Service(lowerWords(name)); got != autoScaling {
			t.Errorf("compiled dictionary: Service(%q) = %q, want %q", name, got, autoScaling)
		}
	}
	if s, ok := cat.Lookup("asg"); !ok || s.Name != autoScaling {
		t.Errorf("catalogue: Lookup(\"asg\") = %#v, %v; want %q", s, ok, autoScaling)
	}
}

func TestBuiltinTagIsChecksumOfData(t *testing.T) {
	want := fmt.Sprintf("a7-%08x", crc32.ChecksumIEEE(synonyms.BuiltinData()))
	if got := synonyms.BuiltinTag(7); got != want {
		t.Errorf("BuiltinTag(7) = %q, want %q", got, want)
	}
}
