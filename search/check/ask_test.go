package check

import (
	"slices"
	"testing"
)

func TestParseAsk(t *testing.T) {
	tests := []struct {
		name, stem, question string
		negative             bool
		needs                []Need
	}{
		{"scenario then ask", "A team deploys to EC2. Which service rolls back a failed deployment?", "Which service rolls back a failed deployment?", false, nil},
		{"need before the ask", "The solution must have the LEAST operational overhead. Which solution meets these requirements?", "Which solution meets these requirements?", false, []Need{NeedLeastOverhead}},
		{"need in the ask", "Logs pile up. What is the MOST cost-effective way to keep them?", "What is the MOST cost-effective way to keep them?", false, []Need{NeedCost}},
		{"downtime", "Which strategy updates the fleet with minimal downtime?", "Which strategy updates the fleet with minimal downtime?", false, []Need{NeedDowntime}},
		{"without servers", "How can the team run the job without managing servers?", "How can the team run the job without managing servers?", false, []Need{NeedServerless}},
		{"NOT", "Which of these is NOT a CodeBuild image?", "Which of these is NOT a CodeBuild image?", true, nil},
		{"EXCEPT", "All of these send events EXCEPT which?", "All of these send events EXCEPT which?", true, nil},
		{"which is not", "Which option is not a supported platform?", "Which option is not a supported platform?", true, nil},
		{"small not in the scenario", "The instances are not patched. Which service patches them?", "Which service patches them?", false, nil},
		{"no ask", "Pick the rollback service", "Pick the rollback service", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ParseAsk(tt.stem)
			if a.Question != tt.question || a.Negative != tt.negative || !slices.Equal(a.Needs, tt.needs) {
				t.Errorf("ParseAsk(%q) = %+v, want question %q negative %v needs %v", tt.stem, a, tt.question, tt.negative, tt.needs)
			}
		})
	}
}
