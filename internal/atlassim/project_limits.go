package atlassim

import (
	"fmt"
	"net/http"
)

// limitDef is one project limit. The names, defaults and maximums come from
// the limitName table of the spec. hasDefault is false for the Data
// Federation byte limits, which have no default and exist only once set.
type limitDef struct {
	name       string
	hasDefault bool
	def, max   int64
	min        int64
}

// projectLimits is every limit the simulator knows, in the order GET
// /limits lists them. Deviations from the spec table, on purpose:
//   - networkAccess.entries: the table says default 200, override limit 20,
//     which cannot both be true; the simulator uses 200 for both.
//   - serverlessMTMs is in the enum but not in the table; 25 / 100 is a guess.
//   - privateServiceConnectionsSubnetMask has a documented lower limit of 20.
var projectLimits = []limitDef{
	{name: "atlas.project.deployment.clusters", hasDefault: true, def: 25, max: 100, min: 1},
	{name: "atlas.project.deployment.nodesPerPrivateLinkRegion", hasDefault: true, def: 50, max: 90, min: 1},
	{name: "atlas.project.deployment.serverlessMTMs", hasDefault: true, def: 25, max: 100, min: 1},
	{name: "atlas.project.security.databaseAccess.customRoles", hasDefault: true, def: 100, max: 1400, min: 1},
	{name: "atlas.project.security.databaseAccess.users", hasDefault: true, def: 100, max: 100, min: 1},
	{name: "atlas.project.security.networkAccess.crossRegionEntries", hasDefault: true, def: 40, max: 220, min: 1},
	{name: "atlas.project.security.networkAccess.entries", hasDefault: true, def: 200, max: 200, min: 1},
	{name: "atlas.project.deployment.privateServiceConnectionsPerRegionGroup", hasDefault: true, def: 50, max: 100, min: 1},
	{name: "atlas.project.deployment.privateServiceConnectionsSubnetMask", hasDefault: true, def: 27, max: 27, min: 20},
	{name: "dataFederation.bytesProcessed.query", min: 0},
	{name: "dataFederation.bytesProcessed.daily", min: 0},
	{name: "dataFederation.bytesProcessed.weekly", min: 0},
	{name: "dataFederation.bytesProcessed.monthly", min: 0},
}

// limitJSON is DataFederationLimit (alphabetical keys).
type limitJSON struct {
	CurrentUsage *int64 `json:"currentUsage,omitempty"`
	DefaultLimit *int64 `json:"defaultLimit,omitempty"`
	MaximumLimit *int64 `json:"maximumLimit,omitempty"`
	Name         string `json:"name"`
	Value        int64  `json:"value"`
}

func findLimit(name string) (limitDef, bool) {
	for _, l := range projectLimits {
		if l.name == name {
			return l, true
		}
	}
	return limitDef{}, false
}

// limitView renders a limit; ok is false for a Data Federation limit that
// was never set (it does not exist yet).
func limitView(p *project, l limitDef) (limitJSON, bool) {
	value, set := p.limits[l.name]
	if !l.hasDefault {
		if !set {
			return limitJSON{}, false
		}
		return limitJSON{Name: l.name, Value: value}, true
	}
	if !set {
		value = l.def
	}
	usage := int64(0)
	if l.name == "atlas.project.deployment.clusters" {
		usage = int64(p.clusterCount())
	}
	def, maximum := l.def, l.max
	return limitJSON{CurrentUsage: &usage, DefaultLimit: &def, MaximumLimit: &maximum, Name: l.name, Value: value}, true
}

// lookupLimit resolves {limitName}; a name outside the spec's enum is a 400
// on the path parameter, as schema validation of the enum would give.
func lookupLimit(c *call) (limitDef, *apiError) {
	name := c.params["limitName"]
	l, known := findLimit(name)
	if !known {
		return limitDef{}, errInvalidPathParameter("limitName", name)
	}
	return l, nil
}

// GET /groups/{groupId}/limits: a plain JSON array, not a list page.
func (s *Server) listLimits(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	views := []limitJSON{}
	for _, l := range projectLimits {
		if v, exists := limitView(p, l); exists {
			views = append(views, v)
		}
	}
	return ok(views), nil
}

// GET /groups/{groupId}/limits/{limitName}
func (s *Server) getLimit(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	l, apiErr := lookupLimit(c)
	if apiErr != nil {
		return nil, apiErr
	}
	v, exists := limitView(p, l)
	if !exists {
		return nil, errLimitNotFound(l.name, p.id)
	}
	return ok(v), nil
}

func errLimitNotFound(name, groupID string) *apiError {
	return newError(http.StatusNotFound, "LIMIT_NOT_FOUND",
		fmt.Sprintf("No limit %s is set in group %s.", name, groupID), name, groupID)
}

// PATCH /groups/{groupId}/limits/{limitName}. The body is DataFederationLimit:
// only value is writable. The read-only fields (name, currentUsage, ...) are
// accepted and ignored because clients echo the entity they read.
func (s *Server) setLimit(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	l, apiErr := lookupLimit(c)
	if apiErr != nil {
		return nil, apiErr
	}
	fields, apiErr := decodeObject(c.body, bodyFields{
		allowed:  []string{"value", "name", "currentUsage", "defaultLimit", "maximumLimit"},
		required: []string{"value"},
	})
	if apiErr != nil {
		return nil, apiErr
	}
	var value int64
	if _, apiErr := decodeField(fields, "value", &value); apiErr != nil {
		return nil, apiErr
	}
	if value < l.min {
		return nil, errValidation(fmt.Sprintf("Limit %s cannot be set below %d.", l.name, l.min))
	}
	if l.hasDefault && value > l.max {
		return nil, errValidation(fmt.Sprintf("Limit %s cannot be set above its maximum of %d.", l.name, l.max))
	}
	p.limits[l.name] = value
	v, _ := limitView(p, l)
	return ok(v), nil
}

// DELETE /groups/{groupId}/limits/{limitName}: back to the default (or gone
// for Data Federation limits), 204.
func (s *Server) deleteLimit(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	l, apiErr := lookupLimit(c)
	if apiErr != nil {
		return nil, apiErr
	}
	delete(p.limits, l.name)
	return noContent(), nil
}
