// Package acctest is the acceptance-test harness: it finds a Terraform CLI,
// starts a simulator per test and serves the provider in-process.
package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// minTerraform is the oldest Terraform whose features the tests use (moved
// blocks across resource types need 1.8).
var minTerraform = [2]int{1, 8}

// ConfigureCLI points terraform-plugin-testing at a usable CLI when TF_ACC is
// set and the caller did not choose one: TF_ACC_TERRAFORM_PATH, else the newest
// <repo>/bin/terraform-<version> (built by scripts/terraform-cli.sh, as
// `make test` does), else terraform on PATH (>= 1.8), else tofu on PATH, else
// <repo>/bin/tofu. OpenTofu needs the reattached provider under the
// hashicorp namespace. Call it from TestMain. It returns a reason when no CLI
// is available; acceptance tests then fail with that reason.
func ConfigureCLI() string {
	if os.Getenv("TF_ACC") == "" {
		return ""
	}
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		cli = findCLI()
		if cli == "" {
			return "no Terraform (>= 1.8) or OpenTofu CLI found: run `make test`, which builds one into ./bin, or set TF_ACC_TERRAFORM_PATH"
		}
		os.Setenv("TF_ACC_TERRAFORM_PATH", cli)
	}
	// A CLI configuration file that does not exist only produces a warning, but
	// OpenTofu prints it before its version line, which the test harness parses.
	if f := os.Getenv("TF_CLI_CONFIG_FILE"); f != "" {
		if _, err := os.Stat(f); err != nil {
			os.Unsetenv("TF_CLI_CONFIG_FILE")
		}
	}
	if isOpenTofu(cli) {
		if os.Getenv("TF_ACC_PROVIDER_NAMESPACE") == "" {
			os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "hashicorp")
		}
		if os.Getenv("TF_ACC_PROVIDER_HOST") == "" {
			os.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
		}
	}
	return ""
}

func findCLI() string {
	root := repoRoot()
	// The Terraform that `make test` runs first: features of the newest
	// versions (identity, query) are tested only there.
	if root != "" {
		if built := newestBuiltTerraform(filepath.Join(root, "bin")); built != "" {
			return built
		}
	}
	if path, err := exec.LookPath("terraform"); err == nil && terraformAtLeast(path, minTerraform) {
		return path
	}
	if path, err := exec.LookPath("tofu"); err == nil {
		return path
	}
	if root != "" {
		built := filepath.Join(root, "bin", "tofu")
		if _, err := os.Stat(built); err == nil {
			return built
		}
	}
	return ""
}

var builtTerraformName = regexp.MustCompile(`^terraform-(\d+)\.(\d+)\.(\d+)$`)

// newestBuiltTerraform is the highest-versioned terraform-X.Y.Z in dir, or "".
func newestBuiltTerraform(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	best, bestVersion := "", [3]int{-1, -1, -1}
	for _, e := range entries {
		m := builtTerraformName.FindStringSubmatch(e.Name())
		if m == nil || e.IsDir() {
			continue
		}
		var v [3]int
		for i := range v {
			v[i], _ = strconv.Atoi(m[i+1])
		}
		if compareVersions(v, bestVersion) > 0 {
			best, bestVersion = filepath.Join(dir, e.Name()), v
		}
	}
	return best
}

func compareVersions(a, b [3]int) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

var versionLine = regexp.MustCompile(`v(\d+)\.(\d+)`)

func terraformAtLeast(path string, min [2]int) bool {
	out, err := exec.Command(path, "version").Output()
	if err != nil {
		return false
	}
	m := versionLine.FindStringSubmatch(string(out))
	if m == nil {
		return false
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	return major > min[0] || (major == min[0] && minor >= min[1])
}

func isOpenTofu(path string) bool {
	out, err := exec.Command(path, "version").Output()
	return err == nil && strings.Contains(string(out), "OpenTofu")
}

// repoRoot is the directory holding go.mod, found from this source file.
func repoRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// RepoPath joins parts onto the repository root.
func RepoPath(parts ...string) string {
	return filepath.Join(append([]string{repoRoot()}, parts...)...)
}

// Main is the TestMain of every package with acceptance tests: it configures the CLI,
// stops with the reason when there is none, and runs the tests.
func Main(m *testing.M) {
	if reason := ConfigureCLI(); reason != "" {
		fmt.Fprintln(os.Stderr, "acceptance tests cannot run:", reason)
		os.Exit(1)
	}
	code := m.Run()
	removeMirror()
	os.Exit(code)
}
