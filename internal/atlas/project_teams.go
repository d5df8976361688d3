package atlas

import (
	"context"
	"net/http"
)

// ProjectTeam is a team's roles in a project (TeamRole in the API).
type ProjectTeam struct {
	TeamID    string   `json:"teamId"`
	RoleNames []string `json:"roleNames"`
}

// ListProjectTeams returns every team with access to a project.
func (c *Client) ListProjectTeams(ctx context.Context, projectID string) ([]ProjectTeam, error) {
	return listAll[ProjectTeam](ctx, c.atlasPages(pathf("/groups/%s/teams", projectID), versionProjects), nil)
}

// AddProjectTeams gives teams access to a project. An empty list makes no call.
func (c *Client) AddProjectTeams(ctx context.Context, projectID string, teams []ProjectTeam) error {
	if len(teams) == 0 {
		return nil
	}
	return c.atlasCall(ctx, http.MethodPost, pathf("/groups/%s/teams", projectID), versionProjects, nil, teams, nil)
}

// UpdateProjectTeamRoles replaces a team's roles in a project.
func (c *Client) UpdateProjectTeamRoles(ctx context.Context, projectID, teamID string, roles []string) error {
	if roles == nil {
		roles = []string{} // "roleNames" is required; never send null
	}
	// The body repeats teamId because the API's TeamRole schema requires it.
	body := ProjectTeam{TeamID: teamID, RoleNames: roles}
	return c.atlasCall(ctx, http.MethodPatch, pathf("/groups/%s/teams/%s", projectID, teamID), versionProjects, nil, body, nil)
}

// RemoveProjectTeam removes a team's access to a project.
func (c *Client) RemoveProjectTeam(ctx context.Context, projectID, teamID string) error {
	return c.atlasCall(ctx, http.MethodDelete, pathf("/groups/%s/teams/%s", projectID, teamID), versionProjects, nil, nil, nil)
}
