package atlassim

import (
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"time"
)

// The admin API lives under /__sim/ on the same port. It has no auth, so it
// only answers loopback clients. It is not rate-limited, not delayed, not
// subject to faults and not written to the request log.
//
//	GET    /__sim/requests                        -> [{"method","path","status"}]
//	DELETE /__sim/requests                        -> 204
//	POST   /__sim/faults        Fault (or [Fault]) -> 204
//	DELETE /__sim/faults                          -> 204
//	GET    /__sim/world                           -> {"date":"YYYY-MM-DD"}
//	PUT    /__sim/world         {"date":"YYYY-MM-DD"} -> 200 {"date"}
//	PUT    /__sim/accessList    {"entries":["203.0.113.0/24"]} -> 204 (the credentials' API access list; [] = none)
//	POST   /__sim/teams         {"name"}          -> 201 {"id","name"}
//	POST   /__sim/users         {"username"}      -> 201 {"id","username"}
//	GET    /__sim/groups/{groupId}                -> 200 project snapshot
//	PATCH  /__sim/groups/{groupId} {"name","tags"} -> 200 project snapshot (out-of-band change)
//	DELETE /__sim/groups/{groupId}                -> 204 (out-of-band delete, ignores clusters)
//	POST   /__sim/groups/{groupId}/clusters {"name"} -> 201 {"groupId","name"}
//	DELETE /__sim/groups/{groupId}/clusters/{name}   -> 202 (DELETING, gone after Transition)
//	GET    /__sim/groups/{groupId}/flexClusters      -> 200 [flex snapshot]
//	GET    /__sim/groups/{groupId}/flexClusters/{name} -> 200 flex snapshot
//	PATCH  /__sim/groups/{groupId}/flexClusters/{name} {"tags","terminationProtectionEnabled","stateName"} -> 200 flex snapshot
//	DELETE /__sim/groups/{groupId}/flexClusters/{name} -> 204 (gone at once, ignores termination protection)
//	/__sim/groups/{groupId}/serverless[/{name}[:migrate]] and /__sim/sunset: see adminServerless and adminSunset (serverless.go)
//	/__sim/groups/{groupId}/accessList[/{entry}]: see adminProjectAccessList (project_access_list.go)
//	POST   /__sim/cloudManager/groups/{groupId}/agents {"activeAgentCount","hostCounts":{...},"replicaSetCount","shardCount"}
//	                                                -> 200 {"id","name","activeAgentCount","hostCounts","replicaSetCount","shardCount","lastActiveAgent"}
//	DELETE /__sim/cloudManager/groups/{groupId}    -> 204 (out-of-band delete of a Cloud Manager project)
//
// Admin errors are {"error":"<message>"} with a fitting status.

func writeAdminJSON(w http.ResponseWriter, status int, v any) {
	out, _ := marshalJSON(v)
	writeBytes(w, status, "application/json", out)
}

func writeAdminError(w http.ResponseWriter, status int, msg string) {
	writeAdminJSON(w, status, map[string]string{"error": msg})
}

// adminReadOrRemove serves GET (200 with what read returns) and DELETE
// (204, gone at once) of one named deployment, 404 "no such <what>" when
// there is none. It reports false, having written nothing, for any other
// method, which the caller serves.
func adminReadOrRemove[V any](w http.ResponseWriter, r *http.Request, what string, read func() (V, bool), remove func() bool) bool {
	switch r.Method {
	case http.MethodGet:
		v, found := read()
		if !found {
			writeAdminError(w, http.StatusNotFound, "no such "+what)
			return true
		}
		writeAdminJSON(w, http.StatusOK, v)
	case http.MethodDelete:
		if !remove() {
			writeAdminError(w, http.StatusNotFound, "no such "+what)
			return true
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		return false
	}
	return true
}

func isLoopback(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// decodeAdmin parses an admin body, rejecting unknown fields.
func decodeAdmin(w http.ResponseWriter, r *http.Request, target any) bool {
	body, err := readBody(r)
	if err == nil {
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.DisallowUnknownFields()
		err = dec.Decode(target)
	}
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, "invalid body: "+err.Error())
		return false
	}
	return true
}

// snapshotJSON is the admin view of a project.
type snapshotJSON struct {
	ID                        string           `json:"id"`
	OrgID                     string           `json:"orgId"`
	Name                      string           `json:"name"`
	Created                   string           `json:"created"`
	Tags                      []Tag            `json:"tags"`
	WithDefaultAlertsSettings bool             `json:"withDefaultAlertsSettings"`
	Settings                  ProjectSettings  `json:"settings"`
	Limits                    map[string]int64 `json:"limits"`
	ManagedSlowMs             bool             `json:"managedSlowMs"`
	Clusters                  []string         `json:"clusters"`
}

func toSnapshotJSON(p ProjectSnapshot) snapshotJSON {
	tags := p.Tags
	if tags == nil {
		tags = []Tag{}
	}
	clusters := p.Clusters
	if clusters == nil {
		clusters = []string{}
	}
	return snapshotJSON{
		ID: p.ID, OrgID: p.OrgID, Name: p.Name, Created: atlasTime(p.Created), Tags: tags,
		WithDefaultAlertsSettings: p.WithDefaultAlertsSettings, Settings: p.Settings,
		Limits: p.Limits, ManagedSlowMs: p.ManagedSlowMs, Clusters: clusters,
	}
}

func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if !isLoopback(r.RemoteAddr) {
		writeAdminError(w, http.StatusForbidden, "the admin API only answers loopback clients")
		return
	}
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/__sim"), "/"), "/")
	key := r.Method + " " + parts[0]

	switch {
	case key == "GET requests" && len(parts) == 1:
		writeAdminJSON(w, http.StatusOK, s.Requests())
	case key == "DELETE requests" && len(parts) == 1:
		s.ResetRequests()
		w.WriteHeader(http.StatusNoContent)

	case key == "POST faults" && len(parts) == 1:
		s.adminAddFaults(w, r)
	case key == "DELETE faults" && len(parts) == 1:
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)

	case key == "GET world" && len(parts) == 1:
		writeAdminJSON(w, http.StatusOK, map[string]string{"date": s.WorldDate().Format(time.DateOnly)})
	case key == "PUT world" && len(parts) == 1:
		var in struct {
			Date string `json:"date"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		date, err := time.Parse(time.DateOnly, in.Date)
		if err != nil {
			writeAdminError(w, http.StatusBadRequest, "date must be YYYY-MM-DD")
			return
		}
		s.SetWorldDate(date)
		writeAdminJSON(w, http.StatusOK, map[string]string{"date": in.Date})

	case key == "PUT accessList" && len(parts) == 1:
		var in struct {
			Entries []string `json:"entries"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if err := s.SetAPIAccessList(in.Entries); err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case key == "POST teams" && len(parts) == 1:
		var in struct {
			Name string `json:"name"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if in.Name == "" {
			writeAdminError(w, http.StatusBadRequest, "name is required")
			return
		}
		writeAdminJSON(w, http.StatusCreated, map[string]string{"id": s.SeedTeam(in.Name), "name": in.Name})
	case key == "POST users" && len(parts) == 1:
		var in struct {
			Username string `json:"username"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if in.Username == "" {
			writeAdminError(w, http.StatusBadRequest, "username is required")
			return
		}
		writeAdminJSON(w, http.StatusCreated, map[string]string{"id": s.SeedUser(in.Username), "username": in.Username})

	case parts[0] == "groups" && len(parts) == 2:
		s.adminProject(w, r, parts[1])
	case parts[0] == "groups" && (len(parts) == 3 || len(parts) == 4) && parts[2] == "flexClusters":
		s.adminFlexClusters(w, r, parts)
	case parts[0] == "groups" && (len(parts) == 3 || len(parts) == 4) && parts[2] == "serverless":
		s.adminServerless(w, r, parts) // serverless.go
	case parts[0] == "groups" && len(parts) >= 3 && parts[2] == "accessList":
		s.adminProjectAccessList(w, r, parts) // project_access_list.go
	case parts[0] == "sunset" && len(parts) == 1:
		s.adminSunset(w, r) // serverless.go
	case parts[0] == "cloudManager" && len(parts) >= 3 && parts[1] == "groups":
		s.adminCloudManager(w, r, parts[2:])
	case key == "POST groups" && len(parts) == 3 && parts[2] == "clusters":
		var in struct {
			Name string `json:"name"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if err := s.SeedCluster(parts[1], in.Name); err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		writeAdminJSON(w, http.StatusCreated, map[string]string{"groupId": parts[1], "name": in.Name})
	case key == "DELETE groups" && len(parts) == 4 && parts[2] == "clusters":
		if !s.DeleteClusterOutOfBand(parts[1], parts[3]) {
			writeAdminError(w, http.StatusNotFound, "no such cluster")
			return
		}
		w.WriteHeader(http.StatusAccepted)

	default:
		writeAdminError(w, http.StatusNotFound, "unknown admin endpoint "+r.Method+" "+r.URL.Path)
	}
}

func (s *Server) adminAddFaults(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	var faults []Fault
	trimmed := strings.TrimSpace(string(body))
	dec := json.NewDecoder(strings.NewReader(trimmed))
	dec.DisallowUnknownFields()
	if strings.HasPrefix(trimmed, "[") {
		err = dec.Decode(&faults)
	} else {
		var f Fault
		err = dec.Decode(&f)
		faults = []Fault{f}
	}
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, "invalid fault: "+err.Error())
		return
	}
	for _, f := range faults {
		if f.Path == "" {
			writeAdminError(w, http.StatusBadRequest, "path is required")
			return
		}
		if f.Status != 0 && (f.Status < 100 || f.Status > 599) {
			writeAdminError(w, http.StatusBadRequest, "status must be an HTTP status or 0")
			return
		}
	}
	for _, f := range faults {
		s.AddFault(f)
	}
	w.WriteHeader(http.StatusNoContent)
}

// adminProject serves GET, PATCH and DELETE /__sim/groups/{groupId}.
func (s *Server) adminProject(w http.ResponseWriter, r *http.Request, id string) {
	switch r.Method {
	case http.MethodGet:
		snap, found := s.Project(id)
		if !found {
			writeAdminError(w, http.StatusNotFound, "no such project")
			return
		}
		writeAdminJSON(w, http.StatusOK, toSnapshotJSON(snap))
	case http.MethodDelete:
		if !s.DeleteProjectOutOfBand(id) {
			writeAdminError(w, http.StatusNotFound, "no such project")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case http.MethodPatch:
		var in struct {
			Name                      *string          `json:"name"`
			Tags                      *[]Tag           `json:"tags"`
			WithDefaultAlertsSettings *bool            `json:"withDefaultAlertsSettings"`
			Settings                  *ProjectSettings `json:"settings"`
			ManagedSlowMs             *bool            `json:"managedSlowMs"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		found := s.UpdateProjectOutOfBand(id, func(p *ProjectSnapshot) {
			if in.Name != nil {
				p.Name = *in.Name
			}
			if in.Tags != nil {
				p.Tags = *in.Tags
			}
			if in.WithDefaultAlertsSettings != nil {
				p.WithDefaultAlertsSettings = *in.WithDefaultAlertsSettings
			}
			if in.Settings != nil {
				p.Settings = *in.Settings
			}
			if in.ManagedSlowMs != nil {
				p.ManagedSlowMs = *in.ManagedSlowMs
			}
		})
		if !found {
			writeAdminError(w, http.StatusNotFound, "no such project")
			return
		}
		snap, _ := s.Project(id)
		writeAdminJSON(w, http.StatusOK, toSnapshotJSON(snap))
	default:
		writeAdminError(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}

// adminCloudManager serves /__sim/cloudManager/groups/{groupId}[/agents]: what a
// test needs to make a Cloud Manager project look monitored, or vanish, without
// running agents.
func (s *Server) adminCloudManager(w http.ResponseWriter, r *http.Request, parts []string) {
	id := parts[0]
	switch {
	case r.Method == http.MethodPost && len(parts) == 2 && parts[1] == "agents":
		var in struct {
			ActiveAgentCount int64                  `json:"activeAgentCount"`
			HostCounts       CloudManagerHostCounts `json:"hostCounts"`
			ReplicaSetCount  int64                  `json:"replicaSetCount"`
			ShardCount       int64                  `json:"shardCount"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if !s.SimulateCloudManagerAgents(id, CloudManagerAgents{
			ActiveAgentCount: in.ActiveAgentCount, HostCounts: in.HostCounts,
			ReplicaSetCount: in.ReplicaSetCount, ShardCount: in.ShardCount,
		}) {
			writeAdminError(w, http.StatusNotFound, "no such Cloud Manager project")
			return
		}
		snap, _ := s.CloudManagerProject(id)
		writeAdminJSON(w, http.StatusOK, map[string]any{
			"id": snap.ID, "name": snap.Name, "activeAgentCount": snap.ActiveAgentCount, "hostCounts": snap.HostCounts,
			"replicaSetCount": snap.ReplicaSetCount, "shardCount": snap.ShardCount,
			"lastActiveAgent": snap.LastActiveAgent.Format(time.RFC3339),
		})
	case r.Method == http.MethodDelete && len(parts) == 1:
		if !s.DeleteCloudManagerProjectOutOfBand(id) {
			writeAdminError(w, http.StatusNotFound, "no such Cloud Manager project")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		writeAdminError(w, http.StatusNotFound, "unknown admin endpoint "+r.Method+" "+r.URL.Path)
	}
}
