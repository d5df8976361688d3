package acctest

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// MirrorVersion is the version under which the provider mirror serves both
// addresses (see Workspace).
const MirrorVersion = "0.0.1"

// Workspace is a Terraform working directory driven with the real CLI, as a
// user drives it, for what the test framework cannot do: start from a given
// state file, use two providers, run `terraform state` commands.
//
// Its CLI configuration installs providers from a filesystem mirror and from
// nowhere else (the tests run offline). The mirror holds this provider's
// binary, built once per test process, under two addresses:
//   - tfatlas/mongodbatlas: this provider, as users install it;
//   - mongodb/mongodbatlas: a stand-in for the official provider, whose binary
//     cannot be fetched here.
//
// The stand-in lets `terraform init` resolve the official address the
// configuration and the state name, and answers for the resources a
// configuration keeps with the official provider, so the CLI walks exactly the
// path a user walks: the state's provider addresses, moved blocks across
// providers, replace-provider. It proves the steps and this provider's side of
// every move (the source state comes from the official provider's real state
// file); it does not prove how the official provider itself plans the
// resources it keeps, nor that it reads state this provider wrote.
type Workspace struct {
	Dir      string
	Host     string // registry host the CLI gives unqualified addresses
	OpenTofu bool
	cli      string
	env      []string
}

var mirror struct {
	once sync.Once
	dir  string
	err  error
}

// NewWorkspace makes a working directory whose CLI runs talk to e's simulator
// with its default API key. It skips t without TF_ACC.
func NewWorkspace(t *testing.T, e *Env) *Workspace {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("needs TF_ACC=1 and a CLI (make test sets both)")
	}
	mirror.once.Do(func() { mirror.dir, mirror.err = buildMirror() })
	if mirror.err != nil {
		t.Fatal(mirror.err)
	}
	w := &Workspace{Dir: t.TempDir(), Host: "registry.terraform.io", OpenTofu: isOpenTofu(cli), cli: cli}
	if w.OpenTofu {
		w.Host = "registry.opentofu.org"
	}
	rc := filepath.Join(w.Dir, ".cli.tfrc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", mirror.dir)), 0o644); err != nil {
		t.Fatal(err)
	}
	w.env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc,
		"TF_PLUGIN_CACHE_DIR=",
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"MONGODB_ATLAS_BASE_URL="+e.URL,
		"MONGODB_ATLAS_PUBLIC_KEY="+atlassim.DefaultPublicKey,
		"MONGODB_ATLAS_PRIVATE_KEY="+atlassim.DefaultPrivateKey,
	)
	return w
}

// buildMirror builds the provider into a directory of its own test process
// (test binaries of several packages run at once, and one must not replace
// the binary another is running), laid out as an unpacked filesystem mirror
// serving it under both addresses and both registry hosts (Terraform's and
// OpenTofu's). Main removes it when the tests end.
func buildMirror() (string, error) {
	dir, err := os.MkdirTemp("", "tfatlas-acctest-mirror-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "terraform-provider-mongodbatlas")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = RepoPath()
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the provider: %v\n%s", err, out)
	}
	platform := runtime.GOOS + "_" + runtime.GOARCH
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		for _, namespace := range []string{"tfatlas", "mongodb"} {
			target := filepath.Join(dir, host, namespace, "mongodbatlas", MirrorVersion, platform)
			if err := os.MkdirAll(target, 0o755); err != nil {
				return "", err
			}
			if err := linkOrCopy(bin, filepath.Join(target, "terraform-provider-mongodbatlas")); err != nil {
				return "", err
			}
		}
	}
	return dir, nil
}

func linkOrCopy(from, to string) error {
	if err := os.Link(from, to); err == nil {
		return nil
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// removeMirror deletes the mirror built by this test process, if any.
func removeMirror() {
	if mirror.dir != "" {
		os.RemoveAll(mirror.dir)
	}
}

// Write writes a file into the working directory.
func (w *Workspace) Write(t *testing.T, name string, content []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(w.Dir, name), content, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Remove deletes a file from the working directory.
func (w *Workspace) Remove(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(w.Dir, name)); err != nil {
		t.Fatal(err)
	}
}

// Run runs the CLI with args and returns its combined output.
func (w *Workspace) Run(args ...string) (string, error) {
	cmd := exec.Command(w.cli, args...)
	cmd.Dir = w.Dir
	cmd.Env = w.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// MustRun runs the CLI and fails t if it does not succeed.
func (w *Workspace) MustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := w.Run(args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(w.cli), strings.Join(args, " "), err, out)
	}
	return out
}

// State reads the working directory's terraform.tfstate.
func (w *Workspace) State(t *testing.T) []StateResource {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.Dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	return ParseState(t, raw)
}

// ProviderAddress is how the state names a provider's configuration, e.g.
// provider["registry.terraform.io/tfatlas/mongodbatlas"].
func (w *Workspace) ProviderAddress(namespace string) string {
	return fmt.Sprintf(`provider["%s/%s/mongodbatlas"]`, w.Host, namespace)
}

// PlannedChange is one resource of `show -json` of a saved plan.
type PlannedChange struct {
	Address         string `json:"address"`
	PreviousAddress string `json:"previous_address"`
	ProviderName    string `json:"provider_name"`
	Change          struct {
		Actions []string `json:"actions"`
	} `json:"change"`
}

// Plan saves a plan and returns its resource changes, keyed by address, and
// the plan's text output.
func (w *Workspace) Plan(t *testing.T) (map[string]PlannedChange, string) {
	t.Helper()
	out := w.MustRun(t, "plan", "-no-color", "-input=false", "-out=adopt.tfplan")
	js := w.MustRun(t, "show", "-json", "adopt.tfplan")
	var plan struct {
		ResourceChanges []PlannedChange `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(js), &plan); err != nil {
		t.Fatalf("reading the plan: %v\n%s", err, js)
	}
	changes := map[string]PlannedChange{}
	for _, c := range plan.ResourceChanges {
		changes[c.Address] = c
	}
	return changes, out
}
