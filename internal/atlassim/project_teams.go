package atlassim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// projectRoles are the project-level roles a team can hold. The spec gives
// roleNames no enum; these are the project roles in Atlas's user-roles
// documentation.
var projectRoles = []string{
	"GROUP_OWNER",
	"GROUP_CLUSTER_MANAGER",
	"GROUP_STREAM_PROCESSING_OWNER",
	"GROUP_DATA_ACCESS_ADMIN",
	"GROUP_DATA_ACCESS_READ_WRITE",
	"GROUP_DATA_ACCESS_READ_ONLY",
	"GROUP_DATABASE_ACCESS_ADMIN",
	"GROUP_READ_ONLY",
	"GROUP_SEARCH_INDEX_EDITOR",
	"GROUP_BACKUP_MANAGER",
	"GROUP_OBSERVABILITY_VIEWER",
}

// teamRoleJSON is TeamRole (alphabetical keys).
type teamRoleJSON struct {
	Links     []link   `json:"links"`
	RoleNames []string `json:"roleNames"`
	TeamID    string   `json:"teamId"`
}

func teamRoleView(c *call, groupID string, t TeamAssignment) teamRoleJSON {
	return teamRoleJSON{
		Links:     []link{{Href: c.baseURL + v2 + "/groups/" + groupID + "/teams/" + t.TeamID, Rel: "self"}},
		RoleNames: slices.Clone(t.RoleNames),
		TeamID:    t.TeamID,
	}
}

func errTeamNotFound(teamID string) *apiError {
	return newError(http.StatusNotFound, "TEAM_NOT_FOUND",
		fmt.Sprintf("No team with ID %s exists in this organization.", teamID), teamID)
}

func errTeamNotInProject(teamID, groupID string) *apiError {
	return newError(http.StatusNotFound, "TEAM_NOT_FOUND",
		fmt.Sprintf("Team %s is not assigned to group %s.", teamID, groupID), teamID, groupID)
}

// validateRoles checks roleNames: at least one, known, no duplicates.
func validateRoles(roles []string) *apiError {
	if len(roles) == 0 {
		return errMissingAttribute("roleNames")
	}
	seen := map[string]bool{}
	for _, role := range roles {
		if !slices.Contains(projectRoles, role) {
			return newError(http.StatusBadRequest, "INVALID_ENUM_VALUE",
				fmt.Sprintf("An invalid enumeration value %s was specified.", role), role)
		}
		if seen[role] {
			return errValidation(fmt.Sprintf("Role %s is listed more than once.", role))
		}
		seen[role] = true
	}
	return nil
}

// decodeTeamRole reads one TeamRole object strictly.
func decodeTeamRole(raw []byte, requireTeamID bool) (TeamAssignment, *apiError) {
	required := []string{"roleNames"}
	if requireTeamID {
		required = append(required, "teamId")
	}
	fields, apiErr := decodeObject(raw, bodyFields{
		allowed:  []string{"roleNames", "teamId"},
		readOnly: []string{"links"},
		required: required,
	})
	if apiErr != nil {
		return TeamAssignment{}, apiErr
	}
	var t TeamAssignment
	if _, apiErr := decodeField(fields, "teamId", &t.TeamID); apiErr != nil {
		return t, apiErr
	}
	if _, apiErr := decodeField(fields, "roleNames", &t.RoleNames); apiErr != nil {
		return t, apiErr
	}
	return t, validateRoles(t.RoleNames)
}

func (p *project) teamIndex(teamID string) int {
	return slices.IndexFunc(p.teams, func(t TeamAssignment) bool { return t.TeamID == teamID })
}

// GET /groups/{groupId}/teams
func (s *Server) listProjectTeams(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	views := make([]teamRoleJSON, 0, len(p.teams))
	for _, t := range p.teams {
		views = append(views, teamRoleView(c, p.id, t))
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// POST /groups/{groupId}/teams with an array of TeamRole. An empty array is
// accepted (the official provider sends one). A team that is already
// assigned gets the new roles. The answer lists the teams from the request.
func (s *Server) addProjectTeams(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	var items []json.RawMessage
	if err := json.Unmarshal(c.body, &items); err != nil || items == nil {
		return nil, errMalformedJSON()
	}
	var added []TeamAssignment
	for _, raw := range items {
		t, apiErr := decodeTeamRole(raw, true)
		if apiErr != nil {
			return nil, apiErr
		}
		if !hexIDPattern.MatchString(t.TeamID) {
			return nil, errInvalidAttribute("teamId")
		}
		if _, found := s.world.teams[t.TeamID]; !found {
			return nil, errTeamNotFound(t.TeamID)
		}
		added = append(added, t)
	}
	views := make([]teamRoleJSON, 0, len(added))
	for _, t := range added {
		if i := p.teamIndex(t.TeamID); i >= 0 {
			p.teams[i] = t
		} else {
			p.teams = append(p.teams, t)
		}
		views = append(views, teamRoleView(c, p.id, t))
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// lookupProjectTeam resolves {groupId} and {teamId} to an assignment index.
func (s *Server) lookupProjectTeam(c *call) (*project, int, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, -1, apiErr
	}
	teamID := c.params["teamId"]
	if !hexIDPattern.MatchString(teamID) {
		return nil, -1, errInvalidPathParameter("teamId", teamID)
	}
	i := p.teamIndex(teamID)
	if i < 0 {
		if _, inOrg := s.world.teams[teamID]; !inOrg {
			return nil, -1, errTeamNotFound(teamID)
		}
		return nil, -1, errTeamNotInProject(teamID, p.id)
	}
	return p, i, nil
}

// GET /groups/{groupId}/teams/{teamId}
func (s *Server) getProjectTeam(c *call) (*response, *apiError) {
	p, i, apiErr := s.lookupProjectTeam(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(teamRoleView(c, p.id, p.teams[i])), nil
}

// PATCH /groups/{groupId}/teams/{teamId} with a TeamRole; answers a list
// page holding the updated team (the spec's PaginatedTeamRoleView).
func (s *Server) updateProjectTeam(c *call) (*response, *apiError) {
	p, i, apiErr := s.lookupProjectTeam(c)
	if apiErr != nil {
		return nil, apiErr
	}
	t, apiErr := decodeTeamRole(c.body, false)
	if apiErr != nil {
		return nil, apiErr
	}
	if t.TeamID != "" && t.TeamID != p.teams[i].TeamID {
		return nil, errValidation("teamId in the body does not match the path.")
	}
	p.teams[i].RoleNames = t.RoleNames
	page, apiErr := paginate(c, []teamRoleJSON{teamRoleView(c, p.id, p.teams[i])})
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// DELETE /groups/{groupId}/teams/{teamId}: 204.
func (s *Server) removeProjectTeam(c *call) (*response, *apiError) {
	p, i, apiErr := s.lookupProjectTeam(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p.teams = slices.Delete(p.teams, i, i+1)
	return noContent(), nil
}
