package atlassim

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// What the flex API does not expose: the Go helpers tests use to read and
// change flex clusters behind the API's back, and their /__sim admin
// endpoints. Kept apart from flex.go so that file holds only the public
// API, like serverless.go and serverless_admin.go.

// ---- Out-of-band helpers for tests ----

// FlexClusterSnapshot is a copy of a stored flex cluster.
type FlexClusterSnapshot struct {
	ID, Name                     string
	Created                      time.Time
	State                        string // CREATING, IDLE, UPDATING, DELETING, REPAIRING
	Tags                         []Tag
	TerminationProtectionEnabled bool
	BackingProviderName          string // AWS, AZURE, GCP
	RegionName                   string
}

func (fc *flexCluster) snapshot() FlexClusterSnapshot {
	return FlexClusterSnapshot{
		ID: fc.id, Name: fc.name, Created: fc.created, State: fc.state,
		Tags:                         slices.Clone(fc.tags),
		TerminationProtectionEnabled: fc.terminationProtection,
		BackingProviderName:          fc.backingProvider,
		RegionName:                   fc.region,
	}
}

// FlexCluster returns a copy of a stored flex cluster, DELETING ones
// included.
func (s *Server) FlexCluster(projectID, name string) (FlexClusterSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.settle(time.Now(), s.opts.Transition)
	p, found := s.world.projects[projectID]
	if !found {
		return FlexClusterSnapshot{}, false
	}
	fc := p.findFlexCluster(name)
	if fc == nil {
		return FlexClusterSnapshot{}, false
	}
	return fc.snapshot(), true
}

// FlexClusters returns copies of a project's flex clusters in creation
// order (nil for an unknown project).
func (s *Server) FlexClusters(projectID string) []FlexClusterSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.settle(time.Now(), s.opts.Transition)
	p, found := s.world.projects[projectID]
	if !found {
		return nil
	}
	out := make([]FlexClusterSnapshot, 0, len(p.flexClusters))
	for _, fc := range p.flexClusters {
		out = append(out, fc.snapshot())
	}
	return out
}

// DeleteFlexClusterOutOfBand removes a flex cluster at once, ignoring
// termination protection, as if it vanished outside Terraform. It reports
// whether the cluster existed.
func (s *Server) DeleteFlexClusterOutOfBand(projectID, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found || p.findFlexCluster(name) == nil {
		return false
	}
	p.flexClusters = slices.DeleteFunc(p.flexClusters, func(fc *flexCluster) bool { return fc.name == name })
	return true
}

// UpdateFlexClusterOutOfBand changes a flex cluster behind the API's back
// (drift). mutate gets a snapshot; Tags, TerminationProtectionEnabled and
// State are written back (a changed State starts a new transition, so
// REPAIRING or UPDATING settle to IDLE like API changes do). Other fields
// are ignored and nothing is validated. It reports whether the cluster
// existed.
func (s *Server) UpdateFlexClusterOutOfBand(projectID, name string, mutate func(fc *FlexClusterSnapshot)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	s.world.settle(now, s.opts.Transition)
	p, found := s.world.projects[projectID]
	if !found {
		return false
	}
	fc := p.findFlexCluster(name)
	if fc == nil {
		return false
	}
	snap := fc.snapshot()
	mutate(&snap)
	fc.tags = slices.Clone(snap.Tags)
	fc.terminationProtection = snap.TerminationProtectionEnabled
	if snap.State != fc.state {
		fc.state, fc.stateChanged = snap.State, now
		if snap.State == "IDLE" {
			fc.provisioned = true
		}
	}
	return true
}

// ---- Admin endpoints ----

// flexSnapshotJSON is the admin view of a flex cluster.
type flexSnapshotJSON struct {
	ID                           string `json:"id"`
	Name                         string `json:"name"`
	Created                      string `json:"created"`
	StateName                    string `json:"stateName"`
	Tags                         []Tag  `json:"tags"`
	TerminationProtectionEnabled bool   `json:"terminationProtectionEnabled"`
	BackingProviderName          string `json:"backingProviderName"`
	RegionName                   string `json:"regionName"`
}

func toFlexSnapshotJSON(fc FlexClusterSnapshot) flexSnapshotJSON {
	tags := fc.Tags
	if tags == nil {
		tags = []Tag{}
	}
	return flexSnapshotJSON{
		ID: fc.ID, Name: fc.Name, Created: atlasTime(fc.Created), StateName: fc.State, Tags: tags,
		TerminationProtectionEnabled: fc.TerminationProtectionEnabled,
		BackingProviderName:          fc.BackingProviderName, RegionName: fc.RegionName,
	}
}

var flexStates = []string{"IDLE", "CREATING", "UPDATING", "DELETING", "REPAIRING"}

// adminFlexClusters serves
//
//	GET    /__sim/groups/{groupId}/flexClusters          -> 200 [snapshot]
//	GET    /__sim/groups/{groupId}/flexClusters/{name}   -> 200 snapshot
//	PATCH  /__sim/groups/{groupId}/flexClusters/{name}   {"tags","terminationProtectionEnabled","stateName"} -> 200 snapshot
//	DELETE /__sim/groups/{groupId}/flexClusters/{name}   -> 204 (gone at once)
//
// parts is the admin path split on "/": groups, {groupId}, flexClusters[, {name}].
func (s *Server) adminFlexClusters(w http.ResponseWriter, r *http.Request, parts []string) {
	projectID := parts[1]
	if len(parts) == 3 {
		if r.Method != http.MethodGet {
			writeAdminError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		if _, found := s.Project(projectID); !found {
			writeAdminError(w, http.StatusNotFound, "no such project")
			return
		}
		out := []flexSnapshotJSON{}
		for _, fc := range s.FlexClusters(projectID) {
			out = append(out, toFlexSnapshotJSON(fc))
		}
		writeAdminJSON(w, http.StatusOK, out)
		return
	}
	name := parts[3]
	read := func() (flexSnapshotJSON, bool) {
		snap, found := s.FlexCluster(projectID, name)
		return toFlexSnapshotJSON(snap), found
	}
	if adminReadOrRemove(w, r, "flex cluster", read, func() bool { return s.DeleteFlexClusterOutOfBand(projectID, name) }) {
		return
	}
	switch r.Method {
	case http.MethodPatch:
		var in struct {
			Tags                         *[]Tag  `json:"tags"`
			TerminationProtectionEnabled *bool   `json:"terminationProtectionEnabled"`
			StateName                    *string `json:"stateName"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if in.StateName != nil && !slices.Contains(flexStates, *in.StateName) {
			writeAdminError(w, http.StatusBadRequest, "stateName must be one of "+strings.Join(flexStates, ", "))
			return
		}
		found := s.UpdateFlexClusterOutOfBand(projectID, name, func(fc *FlexClusterSnapshot) {
			if in.Tags != nil {
				fc.Tags = *in.Tags
			}
			if in.TerminationProtectionEnabled != nil {
				fc.TerminationProtectionEnabled = *in.TerminationProtectionEnabled
			}
			if in.StateName != nil {
				fc.State = *in.StateName
			}
		})
		if !found {
			writeAdminError(w, http.StatusNotFound, "no such flex cluster")
			return
		}
		snap, found := s.FlexCluster(projectID, name)
		if !found { // set to DELETING with no transition time: already gone
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeAdminJSON(w, http.StatusOK, toFlexSnapshotJSON(snap))
	default:
		writeAdminError(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}
