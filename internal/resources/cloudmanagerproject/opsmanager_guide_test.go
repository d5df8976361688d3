package cloudmanagerproject_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// The Ops Manager guide's steps, run as a user runs them: the real Terraform CLI starts
// the provider as its own process (not in the test process), so the environment the guide
// tells users to set (SSL_CERT_FILE, the API key variables) reaches the provider exactly as
// in a pipeline, and trusting the private CA in this test process cannot hide a failure.
// The guide's host names are used verbatim: a forward proxy in the test (HTTP_PROXY,
// HTTPS_PROXY) carries the provider's requests for opsmanager.internal:8080 and
// opsmanager.example.com:8443 to the simulator.

const guidePath = "templates/guides/ops-manager.md"

// guideBlocks returns the guide's terraform code blocks.
func guideBlocks(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile(acctest.RepoPath(guidePath))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, m := range regexp.MustCompile("(?s)```terraform\n(.*?)```").FindAllStringSubmatch(string(src), -1) {
		blocks = append(blocks, m[1])
	}
	return blocks
}

// guideBlock is the one block holding every marker.
func guideBlock(t *testing.T, blocks []string, markers ...string) string {
	t.Helper()
	var found []string
	for _, b := range blocks {
		all := true
		for _, m := range markers {
			all = all && strings.Contains(b, m)
		}
		if all {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s: %d terraform blocks contain %q, want 1", guidePath, len(found), markers)
	}
	return found[0]
}

// forwardProxy is HTTP_PROXY/HTTPS_PROXY for the provider: plain requests and CONNECT
// tunnels, for whatever host, go to the simulator at target. It records the hosts asked for.
type forwardProxy struct {
	target string
	mu     sync.Mutex
	hosts  []string
}

func (p *forwardProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.hosts = append(p.hosts, r.Method+" "+r.Host)
	p.mu.Unlock()
	if r.Method == http.MethodConnect {
		upstream, err := net.Dial("tcp", p.target)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			upstream.Close()
			return
		}
		_, _ = io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n")
		go func() { _, _ = io.Copy(upstream, conn); upstream.Close() }()
		_, _ = io.Copy(conn, upstream)
		conn.Close()
		return
	}
	(&httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.Out.URL.Scheme, pr.Out.URL.Host, pr.Out.Host = "http", p.target, pr.In.Host
	}}).ServeHTTP(w, r)
}

func (p *forwardProxy) seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Compact(slices.Clone(p.hosts))
}

// cliWorkspace is a Terraform working directory driven with the real CLI and the provider
// built as a binary (dev_overrides, no init).
type cliWorkspace struct {
	t   *testing.T
	dir string
	env []string
}

// newCLIWorkspace writes main.tf and a CLI configuration that makes Terraform run the
// provider binary in pluginDir. env is added to a clean environment.
func newCLIWorkspace(t *testing.T, pluginDir, mainTF string, env ...string) *cliWorkspace {
	t.Helper()
	dir := t.TempDir()
	rc := filepath.Join(dir, "dev.tfrc")
	// OpenTofu gives the provider address its own registry host.
	host := "registry.terraform.io"
	if acctest.CLIIsOpenTofu() {
		host = "registry.opentofu.org"
	}
	writeFile(t, rc, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		host+"/tfatlas/mongodbatlas", pluginDir))
	writeFile(t, filepath.Join(dir, "main.tf"), mainTF)
	base := []string{"TF_CLI_CONFIG_FILE=" + rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1"}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "MONGODB_"), strings.HasPrefix(name, "MCLI_"), strings.HasPrefix(name, "TF_"),
			strings.HasPrefix(name, "SSL_CERT_"), strings.EqualFold(name, "HTTP_PROXY"), strings.EqualFold(name, "HTTPS_PROXY"),
			strings.EqualFold(name, "NO_PROXY"), strings.EqualFold(name, "ALL_PROXY"):
			continue
		}
		base = append(base, kv)
	}
	return &cliWorkspace{t: t, dir: dir, env: append(base, env...)}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs the CLI with args (and extra environment) and returns its output and exit code.
func (w *cliWorkspace) run(extraEnv []string, args ...string) (string, int) {
	w.t.Helper()
	cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), append(args, "-no-color")...)
	cmd.Dir = w.dir
	cmd.Env = append(slices.Clone(w.env), extraEnv...)
	out, err := cmd.CombinedOutput()
	code := 0
	if err != nil {
		exitErr, ok := err.(*exec.ExitError)
		if !ok {
			w.t.Fatalf("terraform %v: %v", args, err)
		}
		code = exitErr.ExitCode()
	}
	return string(out), code
}

// mustRun fails the test unless the command exits with 0.
func (w *cliWorkspace) mustRun(args ...string) string {
	w.t.Helper()
	out, code := w.run(nil, args...)
	if code != 0 {
		w.t.Fatalf("terraform %v: exit %d\n%s", args, code, out)
	}
	return out
}

// outputs reads `terraform output -json` as name -> value.
func (w *cliWorkspace) outputs() map[string]any {
	w.t.Helper()
	var raw map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal([]byte(w.mustRun("output", "-json")), &raw); err != nil {
		w.t.Fatal(err)
	}
	out := map[string]any{}
	for k, v := range raw {
		out[k] = v.Value
	}
	return out
}

// buildProvider compiles the provider binary into dir.
func buildProvider(t *testing.T, dir string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the provider: %v", err)
	}
	cmd := exec.Command(goBin, "build", "-o", filepath.Join(dir, "terraform-provider-mongodbatlas"), ".")
	cmd.Dir = acctest.RepoPath()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
}

// TestAccCloudManagerProject_opsManagerGuide runs the guide's configuration against an
// Ops Manager simulator over plain HTTP (with the opt-in) and over HTTPS with a private CA
// (given through SSL_CERT_FILE, and refused with a clear error without it).
func TestAccCloudManagerProject_opsManagerGuide(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	pluginDir := t.TempDir()
	buildProvider(t, pluginDir)

	blocks := guideBlocks(t)
	httpsProvider := guideBlock(t, blocks, `provider "mongodbatlas"`, `"https://opsmanager.example.com:8443/"`, "required_providers")
	httpProvider := guideBlock(t, blocks, `provider "mongodbatlas"`, `"http://opsmanager.internal:8080/"`, "cloud_manager_allow_insecure_http = true")
	terraformBlock := httpsProvider[:strings.Index(httpsProvider, `provider "mongodbatlas"`)]
	project := guideBlock(t, blocks, `resource "mongodbatlas_cloud_manager_project" "payments"`, "var.org_id")
	sandbox := guideBlock(t, blocks, `resource "mongodbatlas_cloud_manager_project" "sandbox"`)
	outputs := guideBlock(t, blocks, `output "agent_api_key"`, `output "host_counts"`)
	rest := project + sandbox + outputs

	// The guide's shell steps: the API key (a global one, so the project without org_id
	// can be made) and the organization for var.org_id.
	keys := []string{
		"MONGODB_ATLAS_PUBLIC_KEY=" + globalPublicKey, "MONGODB_ATLAS_PRIVATE_KEY=" + globalPrivateKey,
		"TF_VAR_org_id=" + atlassim.DefaultOrgID,
	}

	t.Run("http", func(t *testing.T) {
		t.Parallel()
		sim := atlassim.New(atlassim.Options{Flavor: atlassim.FlavorOpsManager, GlobalPublicKey: globalPublicKey, GlobalPrivateKey: globalPrivateKey})
		srv := httptest.NewServer(sim)
		t.Cleanup(srv.Close)
		proxy := &forwardProxy{target: srv.Listener.Addr().String()}
		proxySrv := httptest.NewServer(proxy)
		t.Cleanup(proxySrv.Close)

		ws := newCLIWorkspace(t, pluginDir, terraformBlock+httpProvider+rest, append(keys, "HTTP_PROXY="+proxySrv.URL)...)
		plan := ws.mustRun("plan", "-input=false")
		if n := strings.Count(plan, "Warning: Cloud Manager traffic is not encrypted"); n != 1 {
			t.Errorf("the plan shows the plain HTTP warning %d times, want once:\n%s", n, plan)
		}
		for _, want := range []string{`"http://opsmanager.internal:8080/"`, "never sends the private key", "agent_api_key"} {
			if !strings.Contains(strings.Join(strings.Fields(plan), " "), want) {
				t.Errorf("the warning does not say %q:\n%s", want, plan)
			}
		}
		guideApply(t, ws, sim)
		if got := proxy.seen(); !slices.Contains(got, "POST opsmanager.internal:8080") {
			t.Errorf("the provider did not use http://opsmanager.internal:8080/: the proxy saw %v", got)
		}
	})

	t.Run("tls", func(t *testing.T) {
		t.Parallel()
		sim := atlassim.New(atlassim.Options{Flavor: atlassim.FlavorOpsManager, GlobalPublicKey: globalPublicKey, GlobalPrivateKey: globalPrivateKey})
		certs, err := atlassim.NewTLSCertificates("opsmanager.example.com")
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewUnstartedServer(sim)
		srv.TLS = certs.ServerConfig()
		srv.StartTLS()
		t.Cleanup(srv.Close)
		proxy := &forwardProxy{target: srv.Listener.Addr().String()}
		proxySrv := httptest.NewServer(proxy)
		t.Cleanup(proxySrv.Close)

		ws := newCLIWorkspace(t, pluginDir, httpsProvider+rest, append(keys, "HTTPS_PROXY="+proxySrv.URL)...)

		// Without the CA: a certificate error that says what to set; nothing is created.
		out, code := ws.run(nil, "apply", "-auto-approve", "-input=false")
		flat := strings.Join(strings.Fields(out), " ")
		for _, want := range []string{`cloud_manager_base_url = "https://opsmanager.example.com:8443/"`,
			"signed by a certificate authority this machine does not trust", "certificate signed by unknown authority", "SSL_CERT_FILE"} {
			if code == 0 || !strings.Contains(flat, want) {
				t.Errorf("apply without the CA (exit %d) does not say %q:\n%s", code, want, out)
			}
		}
		if got := sim.CloudManagerProjects(); len(got) != 0 {
			t.Fatalf("projects created without a trusted certificate: %v", got)
		}

		// With it: SSL_CERT_FILE relative to the configuration's directory, as a workspace
		// with the CA certificate committed next to the configuration would set it.
		writeFile(t, filepath.Join(ws.dir, "private-ca.pem"), string(certs.CAPEM))
		ws.env = append(ws.env, "SSL_CERT_FILE=private-ca.pem")
		guideApply(t, ws, sim)
		if got := proxy.seen(); !slices.Contains(got, "CONNECT opsmanager.example.com:8443") {
			t.Errorf("the provider did not connect to opsmanager.example.com:8443: the proxy saw %v", got)
		}
	})
}

// guideApply applies the guide's configuration, checks the projects and outputs, lets
// agents report, refreshes, checks that nothing is planned, and destroys.
func guideApply(t *testing.T, ws *cliWorkspace, sim *atlassim.Server) {
	t.Helper()
	ws.mustRun("apply", "-auto-approve", "-input=false")
	projects := sim.CloudManagerProjects()
	var payments, sandbox atlassim.CloudManagerProjectSnapshot
	for _, p := range projects {
		switch p.Name {
		case "payments":
			payments = p
		case "sandbox":
			sandbox = p
		}
	}
	orgs := sim.CloudManagerOrganizations()
	if len(projects) != 2 || payments.OrgID != atlassim.DefaultOrgID || orgs[sandbox.OrgID] != "sandbox" {
		t.Fatalf("projects %+v, organizations %v: want payments in the simulator's organization and sandbox in a new one", projects, orgs)
	}
	out := ws.outputs()
	if out["project_id"] != payments.ID || out["agent_api_key"] != payments.AgentAPIKey || payments.AgentAPIKey == "" {
		t.Errorf("outputs %v, want project %s and its agent API key", out, payments.ID)
	}
	if raw := ws.mustRun("output", "-raw", "agent_api_key"); raw != payments.AgentAPIKey {
		t.Errorf("terraform output -raw agent_api_key = %q", raw)
	}

	// Agents report; a refresh-only apply brings the counts and outputs up to date.
	sim.SimulateCloudManagerAgents(payments.ID, atlassim.CloudManagerAgents{
		ActiveAgentCount: 3, ReplicaSetCount: 1,
		HostCounts: atlassim.CloudManagerHostCounts{Primary: 1, Secondary: 1, Arbiter: 1},
	})
	ws.mustRun("apply", "-refresh-only", "-auto-approve", "-input=false")
	out = ws.outputs()
	counts, _ := out["host_counts"].(map[string]any)
	if out["active_agent_count"] != float64(3) || counts["primary"] != float64(1) || counts["secondary"] != float64(1) || counts["arbiter"] != float64(1) {
		t.Errorf("after the agents reported: active_agent_count %v, host_counts %v", out["active_agent_count"], counts)
	}
	// The agent API key survived refreshes whose answers leave it out.
	if out["agent_api_key"] != payments.AgentAPIKey {
		t.Errorf("agent_api_key after refresh = %v", out["agent_api_key"])
	}
	if plan, code := ws.run(nil, "plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Errorf("plan after apply: exit %d, want 0 (no changes)\n%s", code, plan)
	}
	ws.mustRun("destroy", "-auto-approve", "-input=false")
	if got := sim.CloudManagerProjects(); len(got) != 0 {
		t.Errorf("projects left after destroy: %v", got)
	}
}
