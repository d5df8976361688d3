package atlas

import "context"

// ProjectUser is a MongoDB Cloud user with access to a project (GroupUserResponse, version
// 2025-02-19, which returns pending invitations as well as active users). Fields that do
// not apply to the user's orgMembershipStatus are empty.
type ProjectUser struct {
	ID                  string   `json:"id"`
	Username            string   `json:"username"`
	FirstName           string   `json:"firstName"`
	LastName            string   `json:"lastName"`
	Country             string   `json:"country"`
	MobileNumber        string   `json:"mobileNumber"`
	OrgMembershipStatus string   `json:"orgMembershipStatus"`
	CreatedAt           string   `json:"createdAt"`
	LastAuth            string   `json:"lastAuth"`
	InvitationCreatedAt string   `json:"invitationCreatedAt"`
	InvitationExpiresAt string   `json:"invitationExpiresAt"`
	InviterUsername     string   `json:"inviterUsername"`
	Roles               []string `json:"roles"`
}

// ListProjectUsers returns every user of a project.
func (c *Client) ListProjectUsers(ctx context.Context, projectID string) ([]ProjectUser, error) {
	return listAll[ProjectUser](ctx, c.atlasPages(pathf("/groups/%s/users", projectID), versionUsers), nil)
}
