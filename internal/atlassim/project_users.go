package atlassim

import (
	"slices"
)

// groupUserJSON is GroupActiveUserResponse, the 2025-02-19 shape: every
// user here is an ACTIVE organization member (alphabetical keys).
type groupUserJSON struct {
	Country             string   `json:"country"`
	CreatedAt           string   `json:"createdAt"`
	FirstName           string   `json:"firstName"`
	ID                  string   `json:"id"`
	LastName            string   `json:"lastName"`
	OrgMembershipStatus string   `json:"orgMembershipStatus"`
	Roles               []string `json:"roles"`
	Username            string   `json:"username"`
}

// appUserJSON is CloudAppUser, the 2023-01-01 shape. Its roles are
// {groupId, roleName} pairs. The schema also lists password (write-only)
// and mobileNumber as required; the simulator leaves both out, as a server
// would for users without a phone number.
type appUserJSON struct {
	Country      string         `json:"country"`
	CreatedAt    string         `json:"createdAt"`
	EmailAddress string         `json:"emailAddress"`
	FirstName    string         `json:"firstName"`
	ID           string         `json:"id"`
	LastName     string         `json:"lastName"`
	Links        []link         `json:"links"`
	Roles        []roleAssigned `json:"roles"`
	TeamIDs      []string       `json:"teamIds"`
	Username     string         `json:"username"`
}

type roleAssigned struct {
	GroupID  string `json:"groupId"`
	RoleName string `json:"roleName"`
}

// GET /groups/{groupId}/users: users holding a role in the project (the
// projectOwnerId given at creation gets GROUP_OWNER). The filters
// (flattenTeams, includeOrgUsers, orgMembershipStatus, username) are
// accepted and have no effect because simulated teams have no members and
// all users are ACTIVE.
func (s *Server) listProjectUsers(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	var members []*user
	for _, id := range s.world.userOrder {
		if _, inProject := p.userRoles[id]; inProject {
			members = append(members, s.world.users[id])
		}
	}

	if c.version == "2023-01-01" {
		views := make([]appUserJSON, 0, len(members))
		for _, u := range members {
			roles := []roleAssigned{}
			for _, r := range p.userRoles[u.id] {
				roles = append(roles, roleAssigned{GroupID: p.id, RoleName: r})
			}
			views = append(views, appUserJSON{
				Country: "US", CreatedAt: atlasTime(u.created), EmailAddress: u.username,
				FirstName: u.firstName, ID: u.id, LastName: u.lastName,
				Links:    []link{{Href: c.baseURL + v2 + "/users/" + u.id, Rel: "self"}},
				Roles:    roles,
				TeamIDs:  []string{},
				Username: u.username,
			})
		}
		page, apiErr := paginate(c, views)
		if apiErr != nil {
			return nil, apiErr
		}
		return ok(page), nil
	}

	views := make([]groupUserJSON, 0, len(members))
	for _, u := range members {
		views = append(views, groupUserJSON{
			Country: "US", CreatedAt: atlasTime(u.created), FirstName: u.firstName, ID: u.id,
			LastName: u.lastName, OrgMembershipStatus: "ACTIVE",
			Roles: slices.Clone(p.userRoles[u.id]), Username: u.username,
		})
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}
