package atlassim

// Cloud Manager / Ops Manager Public API v1.0: projects (groups).
//
// Choices where the contract is silent or unverified (also in the docs):
//   - No media-type versioning: the Accept header is ignored (a versioned
//     Atlas type is tolerated, as Cloud Manager does not look at it) and every
//     answer is Content-Type application/json. Request bodies go through the
//     same Content-Type check as Atlas (application/json accepted).
//   - No rate limiting: Cloud Manager's limits are not in the contract.
//   - DELETE /groups/{id} answers 204 with no body ("This endpoint doesn't
//     return a response body"); clients must accept any 2xx.
//   - lastActiveAgent is left out until an agent reports (SimulateCloudManagerAgents).
//   - agentApiKey is returned on create and, like the docs examples, on every
//     read; SetCloudManagerAgentAPIKeyOnGet(false) makes reads leave it out, as
//     newer Ops Manager releases do, so clients can be tested against both.
//   - Names follow the Atlas project name rule, and are unique across Atlas
//     and Cloud Manager projects of the simulated world (409 GROUP_ALREADY_EXISTS).
//   - Cloud Manager and Atlas projects share one id space. An Atlas project id
//     (or name, on byName) here gives 404 ATLAS_GROUP; a Cloud Manager project
//     id (or name) on /api/atlas/v2 gives 404 NOT_ATLAS_GROUP (projects.go).

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"time"
)

const cloudManagerV1 = "/api/public/v1.0"

// cloudManagerWorld holds the Cloud Manager projects; its zero value is ready
// to use (maps are made on first write). Guarded by Server.mu.
type cloudManagerWorld struct {
	projects map[string]*cmProject
	order    []string // creation order, which is the list order

	hideAgentKeyOnGet bool
	// orgs are the organizations Ops Manager created for projects made without orgId
	// (id -> name); the simulator's own organization is world.orgID.
	orgs map[string]string
}

type cmProject struct {
	id, orgID, name  string
	agentAPIKey      string
	created          time.Time
	activeAgentCount int64
	hostCounts       CloudManagerHostCounts
	lastActiveAgent  time.Time // zero: no agent has reported
	replicaSetCount  int64
	shardCount       int64
	tags             []string
}

// CloudManagerHostCounts is the hostCounts object of a Cloud Manager group.
type CloudManagerHostCounts struct {
	Arbiter   int64 `json:"arbiter"`
	Config    int64 `json:"config"`
	Master    int64 `json:"master"`
	Mongos    int64 `json:"mongos"`
	Primary   int64 `json:"primary"`
	Secondary int64 `json:"secondary"`
	Slave     int64 `json:"slave"`
}

// cmGroupJSON is the Cloud Manager group entity, keys in alphabetical order.
type cmGroupJSON struct {
	ActiveAgentCount int64                  `json:"activeAgentCount"`
	AgentAPIKey      string                 `json:"agentApiKey,omitempty"`
	HostCounts       CloudManagerHostCounts `json:"hostCounts"`
	ID               string                 `json:"id"`
	LastActiveAgent  string                 `json:"lastActiveAgent,omitempty"`
	Links            []link                 `json:"links"`
	Name             string                 `json:"name"`
	OrgID            string                 `json:"orgId"`
	PublicAPIEnabled bool                   `json:"publicApiEnabled"`
	ReplicaSetCount  int64                  `json:"replicaSetCount"`
	ShardCount       int64                  `json:"shardCount"`
	Tags             []string               `json:"tags"`
}

// cloudManagerRoutes are added to apiRoutes (router.go). They carry no
// version resource (no Accept negotiation) and no rate-limit set.
func cloudManagerRoutes() []route {
	r := func(method, pattern string, h func(*Server, *call) (*response, *apiError)) route {
		return route{method: method, pattern: cloudManagerV1 + pattern, handle: h}
	}
	return []route{
		r("GET", "/groups", (*Server).listCloudManagerProjects),
		r("POST", "/groups", (*Server).createCloudManagerProject),
		r("GET", "/groups/byName/{groupName}", (*Server).getCloudManagerProjectByName),
		r("GET", "/groups/{groupId}", (*Server).getCloudManagerProject),
		r("PATCH", "/groups/{groupId}", (*Server).updateCloudManagerProject),
		r("DELETE", "/groups/{groupId}", (*Server).deleteCloudManagerProject),
	}
}

func (cw *cloudManagerWorld) add(p *cmProject) {
	if cw.projects == nil {
		cw.projects = map[string]*cmProject{}
	}
	cw.projects[p.id] = p
	cw.order = append(cw.order, p.id)
}

func (cw *cloudManagerWorld) remove(id string) bool {
	if _, found := cw.projects[id]; !found {
		return false
	}
	delete(cw.projects, id)
	cw.order = slices.DeleteFunc(cw.order, func(pid string) bool { return pid == id })
	return true
}

// isCloudManagerProject reports whether id names a Cloud Manager project.
// Caller holds s.mu. Used by the Atlas handlers for NOT_ATLAS_GROUP.
func (w *world) isCloudManagerProject(id string) bool {
	_, found := w.cloudManager.projects[id]
	return found
}

// cloudManagerProjectNamed returns the id of the Cloud Manager project with
// this exact name, or "".
func (w *world) cloudManagerProjectNamed(name string) string {
	for _, id := range w.cloudManager.order {
		if w.cloudManager.projects[id].name == name {
			return id
		}
	}
	return ""
}

// atlasProjectNamed returns the id of the Atlas project with this exact name, or "".
func (w *world) atlasProjectNamed(name string) string {
	for _, id := range w.projectOrder {
		if w.projects[id].name == name {
			return id
		}
	}
	return ""
}

func errAtlasGroup(id string) *apiError {
	return newError(http.StatusNotFound, "ATLAS_GROUP",
		fmt.Sprintf("Group %s is an Atlas group; use the Atlas Public API at /api/atlas/v1.0 to access it.", id), id)
}

func errNotAtlasGroup(id string) *apiError {
	return newError(http.StatusNotFound, "NOT_ATLAS_GROUP",
		fmt.Sprintf("Group %s is not an Atlas group; use the Cloud Manager Public API at /api/public/v1.0 to access it.", id), id)
}

// newAgentAPIKey returns a random secret-looking key (64 hex characters).
func newAgentAPIKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *Server) cloudManagerView(c *call, p *cmProject, inList, withKey bool) cmGroupJSON {
	self := c.baseURL + cloudManagerV1 + "/groups/" + p.id
	links := []link{{Href: self, Rel: "self"}}
	if !inList {
		for _, sub := range []string{"hosts", "users", "clusters", "alerts", "alertConfigs", "backupConfigs", "agents"} {
			links = append(links, link{Href: self + "/" + sub, Rel: "http://cloud.mongodb.com/" + sub})
		}
	}
	g := cmGroupJSON{
		ActiveAgentCount: p.activeAgentCount,
		HostCounts:       p.hostCounts,
		ID:               p.id,
		Links:            links,
		Name:             p.name,
		OrgID:            p.orgID,
		PublicAPIEnabled: true,
		ReplicaSetCount:  p.replicaSetCount,
		ShardCount:       p.shardCount,
		Tags:             slices.Clone(p.tags),
	}
	if g.Tags == nil {
		g.Tags = []string{}
	}
	if withKey || !s.world.cloudManager.hideAgentKeyOnGet {
		g.AgentAPIKey = p.agentAPIKey
	}
	if !p.lastActiveAgent.IsZero() {
		g.LastActiveAgent = atlasTime(p.lastActiveAgent)
	}
	return g
}

// lookupCloudManagerProject resolves {groupId}: 404 INVALID_GROUP_ID for a
// malformed id, 404 ATLAS_GROUP for an Atlas project, else 404 GROUP_NOT_FOUND.
func (s *Server) lookupCloudManagerProject(c *call) (*cmProject, *apiError) {
	id := c.params["groupId"]
	if !hexIDPattern.MatchString(id) {
		return nil, errInvalidGroupID(id)
	}
	if p, found := s.world.cloudManager.projects[id]; found {
		return p, nil
	}
	if _, isAtlas := s.world.projects[id]; isAtlas {
		return nil, errAtlasGroup(id)
	}
	return nil, errGroupNotFound(id)
}

// GET /api/public/v1.0/groups
func (s *Server) listCloudManagerProjects(c *call) (*response, *apiError) {
	views := make([]cmGroupJSON, 0, len(s.world.cloudManager.order))
	for _, id := range s.world.cloudManager.order {
		views = append(views, s.cloudManagerView(c, s.world.cloudManager.projects[id], true, false))
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// GET /api/public/v1.0/groups/{groupId}
func (s *Server) getCloudManagerProject(c *call) (*response, *apiError) {
	p, apiErr := s.lookupCloudManagerProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(s.cloudManagerView(c, p, false, false)), nil
}

// GET /api/public/v1.0/groups/byName/{groupName}
func (s *Server) getCloudManagerProjectByName(c *call) (*response, *apiError) {
	name := c.params["groupName"]
	if id := s.world.cloudManagerProjectNamed(name); id != "" {
		return ok(s.cloudManagerView(c, s.world.cloudManager.projects[id], false, false)), nil
	}
	if id := s.world.atlasProjectNamed(name); id != "" {
		return nil, errAtlasGroup(id)
	}
	return nil, newError(http.StatusNotFound, "GROUP_NAME_NOT_FOUND",
		fmt.Sprintf("No group with name %q exists.", name), name)
}

// cmReadOnlyFields exist on the entity but may not be sent.
var cmReadOnlyFields = []string{"activeAgentCount", "agentApiKey", "hostCounts", "id", "lastActiveAgent",
	"links", "publicApiEnabled", "replicaSetCount", "shardCount", "tags"}

// POST /api/public/v1.0/groups: 201 with the full group, agentApiKey included.
func (s *Server) createCloudManagerProject(c *call) (*response, *apiError) {
	fields, apiErr := decodeObject(c.body, bodyFields{
		// withDefaultAlertsSettings is in the Ops Manager Go client; accepted and ignored.
		allowed:  []string{"name", "orgId", "withDefaultAlertsSettings"},
		readOnly: cmReadOnlyFields,
		// orgId is required by Cloud Manager and optional in Ops Manager (opsmanager.go).
		required: []string{"name"},
	})
	if apiErr != nil {
		return nil, apiErr
	}
	var name, orgID string
	var withAlerts bool
	if _, apiErr := decodeField(fields, "name", &name); apiErr != nil {
		return nil, apiErr
	}
	orgGiven, apiErr := decodeField(fields, "orgId", &orgID)
	if apiErr != nil {
		return nil, apiErr
	}
	if _, apiErr := decodeField(fields, "withDefaultAlertsSettings", &withAlerts); apiErr != nil {
		return nil, apiErr
	}
	if !orgGiven && !s.opsManager() {
		return nil, errMissingAttribute("orgId")
	}
	if apiErr := validateGroupName(name); apiErr != nil {
		return nil, apiErr
	}
	if apiErr := s.checkCreateOrg(c, orgID, orgGiven); apiErr != nil {
		return nil, apiErr
	}
	if ownerID, given := c.query["projectOwnerId"]; given {
		if !hexIDPattern.MatchString(ownerID[0]) {
			return nil, errInvalidQueryParameter("projectOwnerId", ownerID[0])
		}
		if _, found := s.world.users[ownerID[0]]; !found {
			return nil, newError(http.StatusNotFound, "USER_NOT_FOUND",
				fmt.Sprintf("No user with ID %s exists.", ownerID[0]), ownerID[0])
		}
	}
	if s.nameTaken(name, "") {
		return nil, errGroupAlreadyExists(name)
	}
	if !orgGiven {
		orgID = s.world.cloudManager.newOrganization(name)
	}
	p := s.world.newCloudManagerProject(name, orgID, c.now)
	return created(s.cloudManagerView(c, p, false, true)), nil
}

func (w *world) newCloudManagerProject(name, orgID string, now time.Time) *cmProject {
	p := &cmProject{
		id:          newID(),
		orgID:       orgID,
		name:        name,
		agentAPIKey: newAgentAPIKey(),
		created:     now.UTC().Truncate(time.Second),
	}
	w.cloudManager.add(p)
	return p
}

// PATCH /api/public/v1.0/groups/{groupId}: only name can change.
func (s *Server) updateCloudManagerProject(c *call) (*response, *apiError) {
	p, apiErr := s.lookupCloudManagerProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	fields, apiErr := decodeObject(c.body, bodyFields{
		allowed:  []string{"name"},
		readOnly: append(slices.Clone(cmReadOnlyFields), "orgId"),
		required: []string{"name"},
	})
	if apiErr != nil {
		return nil, apiErr
	}
	var name string
	if _, apiErr := decodeField(fields, "name", &name); apiErr != nil {
		return nil, apiErr
	}
	if name != p.name {
		if apiErr := validateGroupName(name); apiErr != nil {
			return nil, apiErr
		}
		if s.nameTaken(name, p.id) {
			return nil, errGroupAlreadyExists(name)
		}
		p.name = name
	}
	return ok(s.cloudManagerView(c, p, false, false)), nil
}

// DELETE /api/public/v1.0/groups/{groupId}: 204, no body.
func (s *Server) deleteCloudManagerProject(c *call) (*response, *apiError) {
	p, apiErr := s.lookupCloudManagerProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	s.world.cloudManager.remove(p.id)
	return noContent(), nil
}

// cloudManagerNameTaken reports whether a Cloud Manager project other than
// exceptID has this name; projects.go's nameTaken consults it so names stay
// unique across both kinds.
func (w *world) cloudManagerNameTaken(name, exceptID string) bool {
	id := w.cloudManagerProjectNamed(name)
	return id != "" && id != exceptID
}

// ---- Out-of-band helpers for tests ----

// CloudManagerProjectSnapshot is a copy of a stored Cloud Manager project.
type CloudManagerProjectSnapshot struct {
	ID, OrgID, Name  string
	AgentAPIKey      string
	Created          time.Time
	ActiveAgentCount int64
	HostCounts       CloudManagerHostCounts
	LastActiveAgent  time.Time // zero: no agent has reported
	ReplicaSetCount  int64
	ShardCount       int64
	Tags             []string
}

func (p *cmProject) snapshot() CloudManagerProjectSnapshot {
	return CloudManagerProjectSnapshot{
		ID: p.id, OrgID: p.orgID, Name: p.name, AgentAPIKey: p.agentAPIKey, Created: p.created,
		ActiveAgentCount: p.activeAgentCount, HostCounts: p.hostCounts, LastActiveAgent: p.lastActiveAgent,
		ReplicaSetCount: p.replicaSetCount, ShardCount: p.shardCount, Tags: slices.Clone(p.tags),
	}
}

// CloudManagerProject returns a copy of a stored Cloud Manager project.
func (s *Server) CloudManagerProject(id string) (CloudManagerProjectSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.cloudManager.projects[id]
	if !found {
		return CloudManagerProjectSnapshot{}, false
	}
	return p.snapshot(), true
}

// CloudManagerProjects returns copies of all Cloud Manager projects in creation order.
func (s *Server) CloudManagerProjects() []CloudManagerProjectSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CloudManagerProjectSnapshot, 0, len(s.world.cloudManager.order))
	for _, id := range s.world.cloudManager.order {
		out = append(out, s.world.cloudManager.projects[id].snapshot())
	}
	return out
}

// SeedCloudManagerProject creates a Cloud Manager project in the simulator's
// organization, as if made in the Cloud Manager UI, and returns its id.
func (s *Server) SeedCloudManagerProject(name string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if apiErr := validateGroupName(name); apiErr != nil {
		return "", apiErr
	}
	if s.nameTaken(name, "") {
		return "", fmt.Errorf("a project named %q already exists", name)
	}
	return s.world.newCloudManagerProject(name, s.world.orgID, time.Now()).id, nil
}

// DeleteCloudManagerProjectOutOfBand removes a Cloud Manager project as if
// someone deleted it in the UI. It reports whether the project existed.
func (s *Server) DeleteCloudManagerProjectOutOfBand(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.world.cloudManager.remove(id)
}

// UpdateCloudManagerProjectOutOfBand changes a Cloud Manager project behind
// the API's back (drift). mutate gets a snapshot; everything but ID, OrgID and
// Created is written back, without validation. It reports whether the
// project existed.
func (s *Server) UpdateCloudManagerProjectOutOfBand(id string, mutate func(p *CloudManagerProjectSnapshot)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.cloudManager.projects[id]
	if !found {
		return false
	}
	snap := p.snapshot()
	mutate(&snap)
	p.name, p.agentAPIKey = snap.Name, snap.AgentAPIKey
	p.activeAgentCount, p.hostCounts, p.lastActiveAgent = snap.ActiveAgentCount, snap.HostCounts, snap.LastActiveAgent
	p.replicaSetCount, p.shardCount = snap.ReplicaSetCount, snap.ShardCount
	p.tags = slices.Clone(snap.Tags)
	return true
}

// CloudManagerAgents is what agents report for a project.
type CloudManagerAgents struct {
	ActiveAgentCount int64
	HostCounts       CloudManagerHostCounts
	ReplicaSetCount  int64
	ShardCount       int64
	LastActiveAgent  time.Time // zero: now
}

// SimulateCloudManagerAgents makes a project look as if its agents reported:
// activeAgentCount, hostCounts, replicaSetCount, shardCount and
// lastActiveAgent change. It reports whether the project existed.
func (s *Server) SimulateCloudManagerAgents(id string, a CloudManagerAgents) bool {
	at := a.LastActiveAgent
	if at.IsZero() {
		at = time.Now()
	}
	return s.UpdateCloudManagerProjectOutOfBand(id, func(p *CloudManagerProjectSnapshot) {
		p.ActiveAgentCount, p.HostCounts = a.ActiveAgentCount, a.HostCounts
		p.ReplicaSetCount, p.ShardCount = a.ReplicaSetCount, a.ShardCount
		p.LastActiveAgent = at.UTC().Truncate(time.Second)
	})
}

// SetCloudManagerAgentAPIKeyOnGet chooses whether reads (GET by id, by name,
// list, PATCH answers) include agentApiKey. The default is true, as in the
// Cloud Manager docs; create answers always include it.
func (s *Server) SetCloudManagerAgentAPIKeyOnGet(show bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.cloudManager.hideAgentKeyOnGet = !show
}
