// Command bench measures crib against ripgrep on crib's built-in notes and
// on deterministic generated notes of several sizes (realistic ones, with
// a Zipf-distributed vocabulary of tens of thousands of words, and the old
// synthetic ones of 285 words, a worst case), and writes the results as a
// markdown report: index build time, rate, CPU and peak memory, index size
// on disk, one-shot questions (a keyword question and a 60-word exam
// question; new processes on a cached index) against `rg -i` over the same
// files, run alternately, as medians of paired ratios. It is run by
// `make bench`; it is not a test. With -generate it only writes notes.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

type config struct {
	sizes, worst []int // realistic and synthetic corpus sizes
	runs         int
	out          string
	crib, rg     string
	question     []string // asked of crib
	long         []string // a long exam question, asked of crib
	pattern      string   // searched for by rg
	work         string
}

// longQuestion is a practice-exam question of 60 words.
const longQuestion = `A company deploys an application to a fleet of EC2 instances in an Auto Scaling group
with CodeDeploy. A recent deployment failed after the new revision passed its tests, and the
team wants failed deployments to roll back automatically, to alert the on-call engineer, and
to keep lifecycle hooks from timing out while instances drain. Which combination of steps meets
these requirements with the least operational effort?`

func run() error {
	var c config
	sizes := flag.String("sizes", "1000,10000,100000", "snippets per realistic corpus, comma-separated")
	worst := flag.String("worst", "100000", "snippets per synthetic (285-word) corpus, comma-separated; empty for none")
	flag.IntVar(&c.runs, "runs", 15, "paired runs per one-shot measurement (medians are reported)")
	gen := flag.String("generate", "", "only write realistic notes of -n snippets to this folder")
	genN := flag.Int("n", 10000, "snippets to write with -generate")
	flag.StringVar(&c.out, "out", "docs/bench.md", "markdown report to write; - for stdout only")
	flag.StringVar(&c.crib, "crib", "", "crib binary to measure (default: build ./cmd/crib)")
	flag.Parse()
	if *gen != "" {
		_, err := generateRealistic(*gen, *genN, 1)
		return err
	}
	var err error
	if c.sizes, err = parseSizes(*sizes); err != nil {
		return err
	}
	if c.worst, err = parseSizes(*worst); err != nil {
		return err
	}
	c.question = []string{"codedeploy", "lifecycle", "hooks", "rollback"}
	c.long = strings.Fields(longQuestion)
	c.pattern = "lifecycle hook"
	if c.rg, err = exec.LookPath("rg"); err != nil {
		return errors.New("ripgrep (rg) is not installed: apt-get install -y ripgrep")
	}
	if c.work, err = os.MkdirTemp("", "crib-bench-"); err != nil {
		return err
	}
	defer os.RemoveAll(c.work)
	if c.crib == "" {
		c.crib = filepath.Join(c.work, "crib")
		if out, err := exec.Command("go", "build", "-o", c.crib, "./cmd/crib").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	rep := &report{started: time.Now(), load0: loadAvg()}
	if err := benchBuiltin(&c, rep); err != nil {
		return err
	}
	for _, n := range c.sizes {
		if err := benchSize(&c, rep, n, realistic); err != nil {
			return err
		}
	}
	for _, n := range c.worst {
		if err := benchSize(&c, rep, n, synthetic); err != nil {
			return err
		}
	}
	rep.load1 = loadAvg()
	md := rep.markdown(&c)
	fmt.Print(md)
	if c.out == "-" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(c.out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(c.out, []byte(md), 0o644)
}

func parseSizes(list string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(list, ",") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad size %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// measurement is one process run.
type measurement struct {
	wall, cpu time.Duration // cpu: user + system
	rssKiB    int64
	stdout    string
}

// measure runs a command to the end and reports its wall time and peak
// resident memory (from wait4's rusage).
func measure(env []string, name string, args ...string) (measurement, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	m := measurement{wall: time.Since(start), stdout: out.String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.rssKiB = ru.Maxrss
		m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) { // 1: nothing matched
		return m, fmt.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, errOut.String())
	}
	// A near miss names what the notes lack on stderr (generated notes
	// lack words of the questions); anything else there is a fault.
	if errOut.Len() > 0 && filepath.Base(name) == "crib" && !strings.HasPrefix(errOut.String(), "crib: not in the notes: ") {
		return m, fmt.Errorf("crib %s wrote to stderr: %s", strings.Join(args, " "), errOut.String())
	}
	return m, nil
}

// timing is the median of several runs of one command.
type timing struct {
	wall, cpu time.Duration // medians
	rssKiB    int64         // the highest
	// wallRatio and cpuRatio are the quartiles (25th, 50th and 75th
	// percentile) of this command's time over the first job's in the same
	// round: paired, so that load on the machine weighs on both alike.
	wallRatio, cpuRatio [3]float64
}

// job is one command to time.
type job struct {
	env  []string
	name string
	args []string
}

// medians runs the jobs in turn, c.runs rounds of each, so that other
// work on the machine weighs on all of them alike, and returns each one's
// medians.
func (c *config) medians(jobs ...job) ([]timing, error) {
	walls := make([][]time.Duration, len(jobs))
	cpus := make([][]time.Duration, len(jobs))
	out := make([]timing, len(jobs))
	wr := make([][]float64, len(jobs))
	cr := make([][]float64, len(jobs))
	if err := warmUp(jobs); err != nil {
		return nil, err
	}
	for range c.runs {
		for i, j := range jobs {
			m, err := measure(j.env, j.name, j.args...)
			if err != nil {
				return nil, err
			}
			walls[i], cpus[i] = append(walls[i], m.wall), append(cpus[i], m.cpu)
			out[i].rssKiB = max(out[i].rssKiB, m.rssKiB)
			wr[i] = append(wr[i], ratio(m.wall, walls[0][len(walls[0])-1]))
			cr[i] = append(cr[i], ratio(m.cpu, cpus[0][len(cpus[0])-1]))
		}
	}
	for i := range jobs {
		slices.Sort(walls[i])
		slices.Sort(cpus[i])
		out[i].wall, out[i].cpu = walls[i][len(walls[i])/2], cpus[i][len(cpus[i])/2]
		out[i].wallRatio, out[i].cpuRatio = quartiles(wr[i]), quartiles(cr[i])
	}
	return out, nil
}

// warmUp runs every job twice, unmeasured, some seconds apart: a cache
// checks the bytes of an index built less than two seconds before, and
// stamps them on a later question (see package cache), as happens when a
// person asks after indexing. Measured rounds then see what every
// question but the first sees.
func warmUp(jobs []job) error {
	for k := range 2 {
		if k > 0 {
			time.Sleep(2500 * time.Millisecond)
		}
		for _, j := range jobs {
			if _, err := measure(j.env, j.name, j.args...); err != nil {
				return err
			}
		}
	}
	return nil
}

func quartiles(x []float64) [3]float64 {
	slices.Sort(x)
	at := func(q float64) float64 { return x[int(q*float64(len(x)-1)+0.5)] }
	return [3]float64{at(0.25), at(0.5), at(0.75)}
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
