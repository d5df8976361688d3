package atlassim

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"time"
)

// world is the in-memory state of the simulated organization. Every field
// is guarded by Server.mu.
type world struct {
	orgID     string
	worldDate time.Time

	projects     map[string]*project
	projectOrder []string // creation order, which is the list order

	teams     map[string]*team
	teamOrder []string
	users     map[string]*user
	userOrder []string

	cloudManager cloudManagerWorld // Cloud Manager projects (cloudmanager.go)
}

type project struct {
	id, orgID, name           string
	created                   time.Time
	tags                      []Tag
	withDefaultAlertsSettings bool
	settings                  ProjectSettings
	limits                    map[string]int64 // limit name -> value set through the API
	managedSlowMs             bool
	teams                     []TeamAssignment    // in the order they were added
	userRoles                 map[string][]string // user id -> project roles
	clusters                  []*cluster          // dedicated clusters, creation order
	flexClusters              []*flexCluster      // flex clusters, creation order (flex.go)

	serverless []*serverlessInstance // real serverless instances, creation order (serverless.go)

	dbUsers        []*dbUser       // database users, creation order (database_users.go)
	accessList     []*accessEntry  // project IP access list, in the order added (project_access_list.go)
	accessFailures map[string]bool // entries the admin API made FAILED
}

type cluster struct {
	id, name     string
	created      time.Time
	state        string    // CREATING, IDLE, DELETING
	stateChanged time.Time // when the current state began

	tier *clusterTier // set for clusters migrated from serverless (serverless.go)
}

type team struct{ id, name string }

type user struct {
	id, username, firstName, lastName string
	created                           time.Time
}

// Tag is a project tag (ResourceTag).
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// TeamAssignment is a team's roles in a project.
type TeamAssignment struct {
	TeamID    string
	RoleNames []string
}

func newWorld(orgID string, date time.Time) *world {
	return &world{
		orgID:     orgID,
		worldDate: date,
		projects:  map[string]*project{},
		teams:     map[string]*team{},
		users:     map[string]*user{},
	}
}

var hexIDPattern = regexp.MustCompile(`^([a-f0-9]{24})$`)

// newID returns a random 24-hex id, the shape of every Atlas id.
func newID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// settle moves asynchronous state forward to now: CREATING clusters become
// IDLE and DELETING clusters disappear once transition has passed. Time is
// real time; WorldDate is a separate calendar and drives only the serverless
// eras and the 2025 migration of the serverless instances.
func (w *world) settle(now time.Time, transition time.Duration) {
	for _, p := range w.projects {
		kept := p.clusters[:0]
		for _, c := range p.clusters {
			done := !now.Before(c.stateChanged.Add(transition))
			switch {
			case c.state == "DELETING" && done:
				continue
			case c.state == "CREATING" && done:
				c.state, c.stateChanged = "IDLE", now
			}
			kept = append(kept, c)
		}
		p.clusters = kept
		p.settleFlex(now, transition)
		p.settleServerless(now, transition)
		if serverlessMigrationDone(w.worldDate) {
			p.migrateRemainingServerless(now)
		}
	}
}

func (p *project) findCluster(name string) *cluster {
	for _, c := range p.clusters {
		if c.name == name {
			return c
		}
	}
	return nil
}

// ---- Out-of-band helpers for tests (drift, things that disappear) ----

// ProjectSnapshot is a copy of a stored project.
type ProjectSnapshot struct {
	ID, OrgID, Name           string
	Created                   time.Time
	Tags                      []Tag
	WithDefaultAlertsSettings bool
	Settings                  ProjectSettings
	Limits                    map[string]int64 // only limits set through the API
	ManagedSlowMs             bool
	Teams                     []TeamAssignment
	Clusters                  []string // cluster names, DELETING ones included
}

func (p *project) snapshot() ProjectSnapshot {
	snap := ProjectSnapshot{
		ID: p.id, OrgID: p.orgID, Name: p.name, Created: p.created,
		Tags:                      slices.Clone(p.tags),
		WithDefaultAlertsSettings: p.withDefaultAlertsSettings,
		Settings:                  p.settings,
		Limits:                    map[string]int64{},
		ManagedSlowMs:             p.managedSlowMs,
	}
	for k, v := range p.limits {
		snap.Limits[k] = v
	}
	for _, t := range p.teams {
		snap.Teams = append(snap.Teams, TeamAssignment{TeamID: t.TeamID, RoleNames: slices.Clone(t.RoleNames)})
	}
	for _, c := range p.clusters {
		snap.Clusters = append(snap.Clusters, c.name)
	}
	return snap
}

// Project returns a copy of the stored project.
func (s *Server) Project(id string) (ProjectSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.settle(time.Now(), s.opts.Transition)
	p, found := s.world.projects[id]
	if !found {
		return ProjectSnapshot{}, false
	}
	return p.snapshot(), true
}

// Projects returns copies of all stored projects in creation order.
func (s *Server) Projects() []ProjectSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.settle(time.Now(), s.opts.Transition)
	out := make([]ProjectSnapshot, 0, len(s.world.projectOrder))
	for _, id := range s.world.projectOrder {
		out = append(out, s.world.projects[id].snapshot())
	}
	return out
}

// DeleteProjectOutOfBand removes a project as if someone deleted it in the
// Atlas UI; unlike the API it ignores clusters. It reports whether the
// project existed.
func (s *Server) DeleteProjectOutOfBand(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.world.deleteProject(id)
}

func (w *world) deleteProject(id string) bool {
	if _, found := w.projects[id]; !found {
		return false
	}
	delete(w.projects, id)
	w.projectOrder = slices.DeleteFunc(w.projectOrder, func(pid string) bool { return pid == id })
	return true
}

// UpdateProjectOutOfBand changes a project behind the API's back (drift).
// mutate gets a snapshot; Name, Tags, WithDefaultAlertsSettings, Settings,
// Limits, ManagedSlowMs and Teams are written back. ID, OrgID, Created and
// Clusters are ignored. No validation is done: tests may create states the
// API would refuse. It reports whether the project existed.
func (s *Server) UpdateProjectOutOfBand(id string, mutate func(p *ProjectSnapshot)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[id]
	if !found {
		return false
	}
	snap := p.snapshot()
	mutate(&snap)
	p.name = snap.Name
	p.tags = slices.Clone(snap.Tags)
	p.withDefaultAlertsSettings = snap.WithDefaultAlertsSettings
	p.settings = snap.Settings
	p.limits = map[string]int64{}
	for k, v := range snap.Limits {
		p.limits[k] = v
	}
	p.managedSlowMs = snap.ManagedSlowMs
	p.teams = nil
	for _, t := range snap.Teams {
		p.teams = append(p.teams, TeamAssignment{TeamID: t.TeamID, RoleNames: slices.Clone(t.RoleNames)})
	}
	return true
}

// SeedCluster adds an IDLE dedicated cluster to a project: it shows up in
// GET /groups/{id}/clusters and blocks project deletion.
func (s *Server) SeedCluster(projectID, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.world.seedCluster(projectID, name, time.Now(), s.opts.Transition)
}

func (w *world) seedCluster(projectID, name string, now time.Time, transition time.Duration) error {
	w.settle(now, transition)
	p, found := w.projects[projectID]
	if !found {
		return fmt.Errorf("no project %s", projectID)
	}
	if !clusterNamePattern.MatchString(name) {
		return fmt.Errorf("invalid cluster name %q", name)
	}
	if p.clusterNameUsed(name) {
		return fmt.Errorf("cluster %s already exists in project %s", name, projectID)
	}
	p.clusters = append(p.clusters, &cluster{id: newID(), name: name, created: now, state: "IDLE", stateChanged: now})
	return nil
}

// DeleteClusterOutOfBand marks a cluster DELETING; it disappears after
// Options.Transition. It reports whether the cluster existed.
func (s *Server) DeleteClusterOutOfBand(projectID, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.world.deleteCluster(projectID, name, time.Now(), s.opts.Transition)
}

func (w *world) deleteCluster(projectID, name string, now time.Time, transition time.Duration) bool {
	w.settle(now, transition)
	p, found := w.projects[projectID]
	if !found {
		return false
	}
	c := p.findCluster(name)
	if c == nil {
		return false
	}
	if c.state != "DELETING" {
		c.state, c.stateChanged = "DELETING", now
	}
	w.settle(now, transition) // with no transition time it is gone at once
	return true
}

// SeedTeam creates an organization team that can be assigned to projects.
func (s *Server) SeedTeam(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &team{id: newID(), name: name}
	s.world.teams[t.id] = t
	s.world.teamOrder = append(s.world.teamOrder, t.id)
	return t.id
}

// SeedUser creates an active organization user (usable as projectOwnerId).
func (s *Server) SeedUser(username string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := &user{id: newID(), username: username, firstName: "Sim", lastName: "User", created: time.Now().UTC()}
	s.world.users[u.id] = u
	s.world.userOrder = append(s.world.userOrder, u.id)
	return u.id
}

// FinishTransitions ends every pending asynchronous state now, whatever
// Options.Transition says: CREATING and UPDATING become IDLE, DELETING
// deployments disappear. A test uses it where a real client would have
// waited (polled) until Atlas finished, without sleeping.
func (s *Server) FinishTransitions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.settle(time.Now(), 0)
}

// SetWorldDate sets "today" in the simulated world (used by the serverless
// eras). It does not affect transition timing, which uses the real clock.
func (s *Server) SetWorldDate(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.worldDate = t
}

// WorldDate returns "today" in the simulated world.
func (s *Server) WorldDate() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.world.worldDate
}
