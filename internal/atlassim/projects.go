package atlassim

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// groupJSON is the Group entity as Atlas sends it (alphabetical keys).
// Tags is a pointer so "omitted" (create without tags) and "[]" (get, list)
// can both be expressed, as observed.
type groupJSON struct {
	ClusterCount              int64  `json:"clusterCount"`
	Created                   string `json:"created"`
	ID                        string `json:"id"`
	Links                     []link `json:"links"`
	Name                      string `json:"name"`
	OrgID                     string `json:"orgId"`
	Tags                      *[]Tag `json:"tags,omitempty"`
	WithDefaultAlertsSettings bool   `json:"withDefaultAlertsSettings"`
}

// atlasTime formats timestamps the way Atlas does: UTC, whole seconds.
func atlasTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// groupView renders a project. Single-entity answers carry the self link
// plus the related-resource links observed on real responses; list items
// carry only self.
func (s *Server) groupView(c *call, p *project, inList, omitEmptyTags bool) groupJSON {
	self := c.baseURL + v2 + "/groups/" + p.id
	links := []link{{Href: self, Rel: "self"}}
	if !inList {
		for _, sub := range []string{"containers", "clusters", "databaseUsers", "peers", "processes", "whitelist"} {
			links = append(links, link{Href: self + "/" + sub, Rel: "https://cloud.mongodb.com/" + sub})
		}
	}
	g := groupJSON{
		ClusterCount:              int64(p.clusterCount()),
		Created:                   atlasTime(p.created),
		ID:                        p.id,
		Links:                     links,
		Name:                      p.name,
		OrgID:                     p.orgID,
		WithDefaultAlertsSettings: p.withDefaultAlertsSettings,
	}
	tags := slices.Clone(p.tags)
	if tags == nil {
		tags = []Tag{}
	}
	if len(tags) > 0 || !omitEmptyTags {
		g.Tags = &tags
	}
	return g
}

// lookupProject resolves {groupId}: 404 INVALID_GROUP_ID for a malformed
// id, 404 GROUP_NOT_FOUND for an unknown one.
func (s *Server) lookupProject(c *call) (*project, *apiError) {
	id := c.params["groupId"]
	if !hexIDPattern.MatchString(id) {
		return nil, errInvalidGroupID(id)
	}
	p, found := s.world.projects[id]
	if !found {
		if s.world.isCloudManagerProject(id) {
			return nil, errNotAtlasGroup(id) // cloudmanager.go
		}
		return nil, errGroupNotFound(id)
	}
	return p, nil
}

func (s *Server) projectsInOrder() []*project {
	out := make([]*project, 0, len(s.world.projectOrder))
	for _, id := range s.world.projectOrder {
		out = append(out, s.world.projects[id])
	}
	return out
}

func (s *Server) listView(c *call, projects []*project) (*response, *apiError) {
	views := make([]groupJSON, 0, len(projects))
	for _, p := range projects {
		views = append(views, s.groupView(c, p, true, false))
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// GET /groups
func (s *Server) listProjects(c *call) (*response, *apiError) {
	return s.listView(c, s.projectsInOrder())
}

// GET /orgs/{orgId}/groups, with the optional case-insensitive name prefix.
func (s *Server) listOrgProjects(c *call) (*response, *apiError) {
	orgID := c.params["orgId"]
	if !hexIDPattern.MatchString(orgID) {
		return nil, newError(http.StatusBadRequest, "INVALID_ORG_ID",
			fmt.Sprintf("An invalid organization ID %s was specified.", orgID), orgID)
	}
	if orgID != s.world.orgID {
		return nil, errOrgNotFound(orgID)
	}
	prefix := strings.ToLower(c.query.Get("name"))
	var matching []*project
	for _, p := range s.projectsInOrder() {
		if strings.HasPrefix(strings.ToLower(p.name), prefix) {
			matching = append(matching, p)
		}
	}
	return s.listView(c, matching)
}

func errOrgNotFound(orgID string) *apiError {
	return newError(http.StatusNotFound, "ORG_NOT_FOUND",
		fmt.Sprintf("No organization with ID %s exists.", orgID), orgID)
}

// GET /groups/{groupId}
func (s *Server) getProject(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(s.groupView(c, p, false, false)), nil
}

// GET /groups/byName/{groupName}
func (s *Server) getProjectByName(c *call) (*response, *apiError) {
	name := c.params["groupName"]
	for _, p := range s.projectsInOrder() {
		if p.name == name {
			return ok(s.groupView(c, p, false, false)), nil
		}
	}
	if id := s.world.cloudManagerProjectNamed(name); id != "" {
		return nil, errNotAtlasGroup(id) // cloudmanager.go
	}
	return nil, newError(http.StatusNotFound, "GROUP_NAME_NOT_FOUND",
		fmt.Sprintf("No group with name %q exists.", name), name)
}

// nameTaken looks at Atlas and Cloud Manager projects: names are unique
// across both kinds in the simulated world (cloudmanager.go).
func (s *Server) nameTaken(name, exceptID string) bool {
	for _, p := range s.world.projects {
		if p.name == name && p.id != exceptID {
			return true
		}
	}
	return s.world.cloudManagerNameTaken(name, exceptID)
}

func errGroupAlreadyExists(name string) *apiError {
	return newError(http.StatusConflict, "GROUP_ALREADY_EXISTS",
		fmt.Sprintf("A group with name %q already exists.", name), name)
}

// POST /groups: 201 with the Group, as the real server answers (the spec
// says 200).
func (s *Server) createProject(c *call) (*response, *apiError) {
	fields, apiErr := decodeObject(c.body, bodyFields{
		allowed: []string{"name", "orgId", "tags", "withDefaultAlertsSettings", "regionUsageRestrictions"},
		// Atlas ignores clusterCount and created in a create: the official
		// provider's SDK sends both in every project create (0 and
		// 0001-01-01T00:00:00Z) and Atlas answers 201 with its own values.
		ignored: []string{"clusterCount", "created"},
		// No client is known to send id or links; the simulator keeps
		// Atlas's answer for a read-only attribute in a request.
		readOnly: []string{"id", "links"},
		required: []string{"name", "orgId"},
	})
	if apiErr != nil {
		return nil, apiErr
	}
	// Commercial Atlas rejects this Atlas-for-Government field (spec text).
	if _, present := fields["regionUsageRestrictions"]; present {
		return nil, errInvalidAttribute("regionUsageRestrictions")
	}

	var name, orgID string
	if _, apiErr := decodeField(fields, "name", &name); apiErr != nil {
		return nil, apiErr
	}
	if _, apiErr := decodeField(fields, "orgId", &orgID); apiErr != nil {
		return nil, apiErr
	}
	withAlerts := true
	if _, apiErr := decodeField(fields, "withDefaultAlertsSettings", &withAlerts); apiErr != nil {
		return nil, apiErr
	}
	var tags []Tag
	if raw, present := fields["tags"]; present && string(raw) != "null" {
		if tags, apiErr = decodeTags(raw); apiErr != nil {
			return nil, apiErr
		}
	}

	if apiErr := validateGroupName(name); apiErr != nil {
		return nil, apiErr
	}
	if !hexIDPattern.MatchString(orgID) {
		return nil, newError(http.StatusBadRequest, "INVALID_ORG_ID",
			fmt.Sprintf("An invalid organization ID %s was specified.", orgID), orgID)
	}
	if orgID != s.world.orgID {
		return nil, errOrgNotFound(orgID)
	}

	// projectOwnerId must name an existing organization user. A malformed
	// id is a 400 on the query parameter, an unknown one 404 USER_NOT_FOUND.
	ownerID, ownerGiven := c.query["projectOwnerId"]
	if ownerGiven {
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

	p := &project{
		id:                        newID(),
		orgID:                     orgID,
		name:                      name,
		created:                   c.now.UTC().Truncate(time.Second),
		tags:                      tags,
		withDefaultAlertsSettings: withAlerts,
		settings:                  defaultSettings(),
		limits:                    map[string]int64{},
		managedSlowMs:             true,
		userRoles:                 map[string][]string{},
	}
	if ownerGiven {
		p.userRoles[ownerID[0]] = []string{"GROUP_OWNER"}
	}
	s.world.projects[p.id] = p
	s.world.projectOrder = append(s.world.projectOrder, p.id)
	return created(s.groupView(c, p, false, true)), nil
}

// PATCH /groups/{groupId} with a GroupUpdate. Sending tags replaces the whole
// set and [] clears it.
func (s *Server) updateProject(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	fields, apiErr := decodeObject(c.body, bodyFields{
		allowed: []string{"name", "tags", "withDefaultAlertsSettings"},
	})
	if apiErr != nil {
		return nil, apiErr
	}
	name := p.name
	if _, apiErr := decodeField(fields, "name", &name); apiErr != nil {
		return nil, apiErr
	}
	withAlerts := p.withDefaultAlertsSettings
	if _, apiErr := decodeField(fields, "withDefaultAlertsSettings", &withAlerts); apiErr != nil {
		return nil, apiErr
	}
	tags := p.tags
	if raw, present := fields["tags"]; present && string(raw) != "null" {
		if tags, apiErr = decodeTags(raw); apiErr != nil {
			return nil, apiErr
		}
	}
	if name != p.name {
		if apiErr := validateGroupName(name); apiErr != nil {
			return nil, apiErr
		}
		if s.nameTaken(name, p.id) {
			return nil, errGroupAlreadyExists(name)
		}
	}
	p.name, p.tags, p.withDefaultAlertsSettings = name, tags, withAlerts
	return ok(s.groupView(c, p, false, false)), nil
}

// projectDeleteBlockers are the checks that keep a project from being
// deleted. Serverless instances add theirs here when they are simulated.
var projectDeleteBlockers = []func(p *project) *apiError{
	serverlessBlocker, // first: it names clusters and serverless instances together
	activeClustersBlocker,
}

// activeClustersBlocker refuses while dedicated or flex clusters exist,
// DELETING ones included: Atlas only lets the project go once they are gone.
// One error names them all, dedicated first.
func activeClustersBlocker(p *project) *apiError {
	if p.clusterCount() == 0 {
		return nil
	}
	list := strings.Join(p.allClusterNames(), ", ")
	return newError(http.StatusConflict, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS",
		fmt.Sprintf("Cannot close group %s while it has active Atlas clusters: %s. Terminate them first.", p.id, list),
		p.id, list)
}

// DELETE /groups/{groupId}: 202 with body {} as observed (the spec says 204).
func (s *Server) deleteProject(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	for _, blocked := range projectDeleteBlockers {
		if apiErr := blocked(p); apiErr != nil {
			return nil, apiErr
		}
	}
	s.world.deleteProject(p.id)
	return &response{status: http.StatusAccepted, body: struct{}{}}, nil
}
