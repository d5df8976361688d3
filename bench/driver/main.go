// Command driver measures the provider end to end: a real Terraform (or
// OpenTofu) CLI, the provider through dev_overrides (no init), and atlas-sim
// with a per-request latency and a transition time. scripts/bench.sh builds
// the binaries and calls it; BENCHMARKS.md explains every figure.
//
// For each resource configuration under bench/ and each size it runs, BENCH
// runs times and on a fresh simulator each time: apply (create), plan with
// refresh and no changes (refresh), destroy. It reports the median of each
// figure.
//
// How the figures are taken:
//   - API requests: the simulator's request log (GET /__sim/requests), read
//     after each command and cleared before the next. "logical" leaves out
//     the 401 answers to unauthenticated first tries (HTTP Digest costs a
//     challenge per call); "raw" counts every HTTP request.
//   - Wall time: from starting the CLI process to its exit.
//   - Waiting figures (flex clusters and serverless instances): the
//     simulator's log has no timestamps, so the provider talks to atlas-sim
//     through a recording reverse proxy in this process. It notes when each
//     response left the simulator, the "name" and "stateName" it carried,
//     and those of each item of a list answer. The simulator stamps an
//     instance's CREATING state while handling the POST, so it turns IDLE at
//     (POST response time + transition); likewise DELETING while handling the
//     DELETE, and gone transition later. waits.go derives, per command: the
//     status reads (GETs of an instance and of its collection, shared between
//     all waits of a project, so a total); the CLI's exit minus the moment the
//     last instance turned IDLE (apply) or went (destroy); and the median
//     over instances of the end of the first read that saw it IDLE or gone
//     minus that moment.
//   - Peak RSS: every 10 ms a sampler finds the provider processes (those
//     whose /proc/<pid>/exe is the provider binary) and reads VmHWM from
//     /proc/<pid>/status. VmHWM is the kernel's high-water mark of the
//     process's resident set, so a sample is the peak so far; only growth in
//     the last 10 ms before a process exits can be missed. The CLI starts
//     several provider processes per command; the figure is the largest.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

type options struct {
	repo          string
	cli           string
	cliKind       string
	providerDir   string
	simBin        string
	runs          int
	latency       time.Duration
	transition    time.Duration
	sizes         []int
	resources     []string
	parallelism   int
	serverlessDay string
	out           string
	jsonOut       string
	keepGoing     bool
}

func main() {
	var o options
	var sizes, resources string
	flag.StringVar(&o.repo, "repo", ".", "repository root (holds bench/)")
	flag.StringVar(&o.cli, "cli", "", "Terraform or OpenTofu CLI (required)")
	flag.StringVar(&o.cliKind, "cli-kind", "terraform", "terraform or tofu")
	flag.StringVar(&o.providerDir, "provider-dir", "", "directory holding terraform-provider-mongodbatlas (required)")
	flag.StringVar(&o.simBin, "sim", "", "atlas-sim binary (required)")
	flag.IntVar(&o.runs, "runs", 3, "runs per measurement; the median is reported")
	flag.DurationVar(&o.latency, "latency", 50*time.Millisecond, "atlas-sim -latency")
	flag.DurationVar(&o.transition, "transition", 3*time.Second, "atlas-sim -transition")
	flag.StringVar(&sizes, "sizes", "1,50", "comma-separated instance counts")
	flag.StringVar(&resources, "resources", "project,flexcluster,serverlessinstance", "comma-separated configurations under bench/")
	flag.IntVar(&o.parallelism, "parallelism", 10, "CLI -parallelism")
	flag.StringVar(&o.serverlessDay, "serverless-world-date", "2024-12-01", "atlas-sim -world-date for the serverless runs (empty: today, where the flex API answers)")
	flag.StringVar(&o.out, "out", "", "also write the Markdown report to this file")
	flag.StringVar(&o.jsonOut, "json", "", "also write every run's raw figures as JSON to this file")
	flag.BoolVar(&o.keepGoing, "keep-going", false, "report a failed run and continue instead of stopping")
	flag.Parse()
	if o.cli == "" || o.providerDir == "" || o.simBin == "" || o.runs < 1 {
		flag.Usage()
		os.Exit(2)
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fatalf("bad size %q in -sizes", s)
		}
		o.sizes = append(o.sizes, n)
	}
	for _, r := range strings.Split(resources, ",") {
		if r = strings.TrimSpace(r); r != "" {
			o.resources = append(o.resources, r)
		}
	}
	if err := run(o); err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// runResult is one run of one (resource, size).
type runResult struct {
	Resource     string      `json:"resource"`
	Size         int         `json:"size"`
	Run          int         `json:"run"`
	CreateSec    float64     `json:"create_sec"`
	RefreshSec   float64     `json:"refresh_sec"`
	DestroySec   float64     `json:"destroy_sec"`
	CreateReqs   counts      `json:"create_requests"`
	RefreshReqs  counts      `json:"refresh_requests"`
	DestroyReqs  counts      `json:"destroy_requests"`
	Waits        bool        `json:"waits"`               // the resource waits on transitions: the figures below apply
	CreateWait   waitFigures `json:"create_wait"`         // IDLE figures of the apply
	DestroyWait  waitFigures `json:"destroy_wait"`        // gone figures of the destroy
	PeakRSSKiB   int64       `json:"peak_rss_kib"`        // over the three commands
	RefreshDrift bool        `json:"refresh_had_changes"` // plan -detailed-exitcode said 2
}

// waitedOn are the configurations whose creates and deletes go through a
// transition that the provider waits out.
var waitedOn = map[string]bool{"flexcluster": true, "serverlessinstance": true}

type counts struct {
	Logical int `json:"logical"`
	Raw     int `json:"raw"`
}

func run(o options) error {
	work, err := os.MkdirTemp("", "mongodbatlas-bench.")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	cliConfig := filepath.Join(work, "cli.tfrc")
	if err := writeCLIConfig(cliConfig, o.providerDir, o.cliKind); err != nil {
		return err
	}
	providerBin := filepath.Join(o.providerDir, "terraform-provider-mongodbatlas")
	if _, err := os.Stat(providerBin); err != nil {
		return fmt.Errorf("provider binary: %w", err)
	}

	var results []runResult
	for _, res := range o.resources {
		for _, size := range o.sizes {
			for i := 1; i <= o.runs; i++ {
				logf("%s size %d run %d/%d", res, size, i, o.runs)
				r, err := runOnce(o, work, cliConfig, providerBin, res, size)
				if err != nil {
					if !o.keepGoing {
						return fmt.Errorf("%s size %d run %d: %w", res, size, i, err)
					}
					logf("FAILED: %v", err)
					continue
				}
				r.Run = i
				logf("  create %.2fs (%d/%d req), refresh %.2fs (%d/%d), destroy %.2fs (%d/%d), peak RSS %d KiB",
					r.CreateSec, r.CreateReqs.Logical, r.CreateReqs.Raw, r.RefreshSec, r.RefreshReqs.Logical, r.RefreshReqs.Raw,
					r.DestroySec, r.DestroyReqs.Logical, r.DestroyReqs.Raw, r.PeakRSSKiB)
				if r.Waits {
					logf("  create: %d status reads (%d GET, %d list), IDLE->done %.2fs, poll lag %.2fs; destroy: %d status reads (%d GET, %d list), gone->done %.2fs, gone lag %.2fs",
						r.CreateWait.StatusReads, r.CreateWait.SingleGets, r.CreateWait.ListGets, r.CreateWait.ToDone, r.CreateWait.ReadLag,
						r.DestroyWait.StatusReads, r.DestroyWait.SingleGets, r.DestroyWait.ListGets, r.DestroyWait.ToDone, r.DestroyWait.ReadLag)
				}
				results = append(results, r)
			}
		}
	}

	logf("terraform validate x%d", o.runs)
	validate, validateRSS, err := measureValidate(o, work, cliConfig, providerBin)
	if err != nil {
		return err
	}

	var b strings.Builder
	writeReport(&b, o, results, validate, validateRSS, providerBin)
	fmt.Print(b.String())
	if o.out != "" {
		if err := os.WriteFile(o.out, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	if o.jsonOut != "" {
		data, _ := json.MarshalIndent(results, "", "  ")
		if err := os.WriteFile(o.jsonOut, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func writeCLIConfig(path, providerDir, kind string) error {
	var b strings.Builder
	b.WriteString("provider_installation {\n  dev_overrides {\n")
	fmt.Fprintf(&b, "    \"registry.terraform.io/tfatlas/mongodbatlas\" = %q\n", providerDir)
	if kind == "tofu" {
		fmt.Fprintf(&b, "    \"registry.opentofu.org/tfatlas/mongodbatlas\" = %q\n", providerDir)
	}
	b.WriteString("  }\n  direct {}\n}\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// runOnce measures create, refresh and destroy of one configuration at one
// size against a fresh simulator.
func runOnce(o options, work, cliConfig, providerBin, res string, size int) (runResult, error) {
	r := runResult{Resource: res, Size: size, Waits: waitedOn[res]}
	worldDate := ""
	if res == "serverlessinstance" {
		worldDate = o.serverlessDay
	}
	sim, err := startSim(o.simBin, o.latency, o.transition, worldDate)
	if err != nil {
		return r, err
	}
	defer sim.stop()
	proxy, err := startProxy(sim.baseURL)
	if err != nil {
		return r, err
	}
	defer proxy.close()

	dir, err := os.MkdirTemp(work, res+".")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	if err := copyFile(filepath.Join(o.repo, "bench", res, "main.tf"), filepath.Join(dir, "main.tf")); err != nil {
		return r, err
	}

	vars := []string{"-var", fmt.Sprintf("size=%d", size)}
	if res == "project" {
		vars = append(vars, "-var", "org_id="+sim.env["MONGODB_ATLAS_ORG_ID"])
	} else {
		pid, err := fixtureProject(sim)
		if err != nil {
			return r, fmt.Errorf("creating the fixture project: %w", err)
		}
		vars = append(vars, "-var", "project_id="+pid)
	}

	env := cliEnv(cliConfig, sim.env, proxy.url)
	cli := func(args ...string) (cliRun, error) {
		if err := sim.resetRequests(); err != nil {
			return cliRun{}, err
		}
		proxy.reset()
		return runCLI(o.cli, dir, env, providerBin, args...)
	}
	common := []string{"-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", o.parallelism)}

	// Create.
	c, err := cli(append(append([]string{"apply", "-auto-approve"}, common...), vars...)...)
	if err != nil {
		return r, fmt.Errorf("apply: %w", err)
	}
	r.CreateSec, r.PeakRSSKiB = c.wall().Seconds(), c.peakRSS
	if r.CreateReqs, err = sim.requestCounts(); err != nil {
		return r, err
	}
	proxy.checkAgainst(r.CreateReqs.Raw)
	if r.Waits {
		r.CreateWait = createFigures(proxy.entries(), o.transition, c.end)
	}

	// Refresh: a plan that refreshes every instance and should find nothing to do.
	c, err = cli(append(append([]string{"plan", "-refresh=true", "-detailed-exitcode"}, common...), vars...)...)
	if err != nil && c.exitCode != 2 {
		return r, fmt.Errorf("plan: %w", err)
	}
	r.RefreshDrift = c.exitCode == 2
	r.RefreshSec, r.PeakRSSKiB = c.wall().Seconds(), max(r.PeakRSSKiB, c.peakRSS)
	if r.RefreshReqs, err = sim.requestCounts(); err != nil {
		return r, err
	}

	// Destroy.
	c, err = cli(append(append([]string{"destroy", "-auto-approve"}, common...), vars...)...)
	if err != nil {
		return r, fmt.Errorf("destroy: %w", err)
	}
	r.DestroySec, r.PeakRSSKiB = c.wall().Seconds(), max(r.PeakRSSKiB, c.peakRSS)
	if r.DestroyReqs, err = sim.requestCounts(); err != nil {
		return r, err
	}
	proxy.checkAgainst(r.DestroyReqs.Raw)
	if r.Waits {
		r.DestroyWait = destroyFigures(proxy.entries(), o.transition, c.end)
	}
	return r, nil
}

// fixtureProject creates the project the flex and serverless configurations
// use, straight through the API client, with room for 100 clusters (Atlas's
// default limit is 25).
func fixtureProject(sim *simProcess) (string, error) {
	client, err := atlas.NewClient(atlas.Config{
		BaseURL:             sim.baseURL,
		CloudManagerBaseURL: sim.baseURL,
		Credentials: atlas.Credentials{
			PublicKey:  sim.env["MONGODB_ATLAS_PUBLIC_KEY"],
			PrivateKey: sim.env["MONGODB_ATLAS_PRIVATE_KEY"],
		},
		UserAgent: "bench-driver",
	})
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "bench-fixture", OrgID: sim.env["MONGODB_ATLAS_ORG_ID"]})
	if err != nil {
		return "", err
	}
	if _, err := client.SetProjectLimit(ctx, p.ID, "atlas.project.deployment.clusters", 100); err != nil {
		return "", err
	}
	return p.ID, nil
}

func cliEnv(cliConfig string, simEnv map[string]string, baseURL string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "MONGODB_") || strings.HasPrefix(name, "TF_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"MONGODB_ATLAS_BASE_URL="+baseURL,
		"MONGODB_ATLAS_PUBLIC_KEY="+simEnv["MONGODB_ATLAS_PUBLIC_KEY"],
		"MONGODB_ATLAS_PRIVATE_KEY="+simEnv["MONGODB_ATLAS_PRIVATE_KEY"],
	)
	return env
}

// cliRun is one CLI command: when it started and ended, the provider's peak
// RSS (KiB) and the exit code.
type cliRun struct {
	start, end time.Time
	peakRSS    int64
	exitCode   int
}

func (c cliRun) wall() time.Duration { return c.end.Sub(c.start) }

// runCLI runs one CLI command; a non-zero exit is an error that carries the
// end of the command's output.
func runCLI(cli, dir string, env []string, providerBin string, args ...string) (cliRun, error) {
	cmd := exec.Command(cli, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	sampler := startRSSSampler(providerBin, 10*time.Millisecond)
	c := cliRun{start: time.Now()}
	err := cmd.Run()
	c.end = time.Now()
	c.peakRSS = sampler.stop()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		c.exitCode = exitErr.ExitCode()
	}
	if err != nil {
		text := out.String()
		if len(text) > 4000 {
			text = "..." + text[len(text)-4000:]
		}
		return c, fmt.Errorf("%s %s: %v\n%s", filepath.Base(cli), args[0], err, text)
	}
	return c, nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

func measureValidate(o options, work, cliConfig, providerBin string) (time.Duration, int64, error) {
	dir, err := os.MkdirTemp(work, "validate.")
	if err != nil {
		return 0, 0, err
	}
	if err := copyFile(filepath.Join(o.repo, "bench", "project", "main.tf"), filepath.Join(dir, "main.tf")); err != nil {
		return 0, 0, err
	}
	env := cliEnv(cliConfig, map[string]string{}, "http://127.0.0.1:1/")
	var times []float64
	var peak int64
	for i := 0; i < o.runs; i++ {
		c, err := runCLI(o.cli, dir, env, providerBin, "validate", "-no-color")
		if err != nil {
			return 0, 0, err
		}
		times = append(times, c.wall().Seconds())
		peak = max(peak, c.peakRSS)
	}
	return time.Duration(median(times) * float64(time.Second)), peak, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return -1
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// readAll is io.ReadAll with a size guard for admin answers.
func readAll(r io.Reader) ([]byte, error) { return io.ReadAll(io.LimitReader(r, 64<<20)) }

// runQuiet runs a short command without the benchmark environment.
func runQuiet(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.CombinedOutput()
	return string(out), err
}
