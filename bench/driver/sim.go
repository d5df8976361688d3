package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// simProcess is one atlas-sim process (the program, as users run it).
type simProcess struct {
	cmd     *exec.Cmd
	baseURL string
	env     map[string]string // the export lines it printed
}

// startSim starts atlas-sim on a free port and waits for "atlas-sim ready".
func startSim(bin string, latency, transition time.Duration, worldDate string) (*simProcess, error) {
	args := []string{"-addr", "127.0.0.1:0", "-latency", latency.String(), "-transition", transition.String()}
	if worldDate != "" {
		args = append(args, "-world-date", worldDate)
	}
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &simProcess{cmd: cmd, env: map[string]string{}}
	ready := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if line == "atlas-sim ready" {
				ready <- nil
				for sc.Scan() { // keep draining
				}
				return
			}
			if kv, ok := strings.CutPrefix(line, "export "); ok {
				if k, v, ok := strings.Cut(kv, "="); ok {
					s.env[k] = v
				}
			}
		}
		ready <- fmt.Errorf("atlas-sim exited before it was ready: %s", stderr.String())
	}()
	select {
	case err := <-ready:
		if err != nil {
			_ = cmd.Wait()
			return nil, err
		}
	case <-time.After(30 * time.Second):
		s.stop()
		return nil, fmt.Errorf("atlas-sim was not ready within 30s")
	}
	s.baseURL = s.env["MONGODB_ATLAS_BASE_URL"]
	if s.baseURL == "" {
		s.stop()
		return nil, fmt.Errorf("atlas-sim printed no MONGODB_ATLAS_BASE_URL")
	}
	return s, nil
}

func (s *simProcess) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

func (s *simProcess) resetRequests() error {
	req, _ := http.NewRequest(http.MethodDelete, s.baseURL+"__sim/requests", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("DELETE /__sim/requests: %s", resp.Status)
	}
	return nil
}

type simRequest struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Status int    `json:"status"`
}

func (s *simProcess) requests() ([]simRequest, error) {
	resp, err := http.Get(s.baseURL + "__sim/requests")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := readAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var out []simRequest
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("GET /__sim/requests: %w", err)
	}
	return out, nil
}

// requestCounts counts the log: raw is every HTTP request, logical leaves
// out the 401 digest challenges.
func (s *simProcess) requestCounts() (counts, error) {
	reqs, err := s.requests()
	if err != nil {
		return counts{}, err
	}
	c := counts{Raw: len(reqs)}
	for _, r := range reqs {
		if r.Status != http.StatusUnauthorized {
			c.Logical++
		}
	}
	return c, nil
}
