package atlassim

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Flex clusters: /api/atlas/v2/groups/{groupId}/flexClusters,
// media type 2024-11-13 only, rate-limited as the "Flex Clusters" endpoint
// set (GROUP scope).
//
// Choices where the contract is silent (each one is documented where it is
// made below):
//   - names are limited to 64 characters (CLUSTER_NAME_TOO_LONG);
//   - names are unique per project case-insensitively, across flex and
//     dedicated clusters (their host names are lower-cased);
//   - a second DELETE, or a PATCH, while DELETING is 400
//     CLUSTER_ALREADY_REQUESTED_DELETION;
//   - a protected DELETE is 400 ATLAS_GENERAL_ERROR (official provider PR
//     #4480); dedicated clusters use
//     CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED instead;
//   - GET /groups/{id}/clusters leaves flex clusters out, while clusterCount,
//     the deployment.clusters limit usage, /ipAddresses and the project
//     delete check count them.

type flexCluster struct {
	deployment           // state: CREATING, IDLE, UPDATING, DELETING, REPAIRING
	provisioned   bool   // reached IDLE once: the standard connection string exists
	hostLabel     string // the "ac-xxxxxxx" part of the member host names
	replicaSet    string // atlas-xxxxxx-shard-0
	viaServerless bool   // created through POST /serverless or migrated from serverless (serverless.go)
	migrated      bool   // migrated from a real serverless instance (serverless.go)
	autoIndexing  bool   // the serverless auto-indexing toggle of a flex-backed instance (serverless.go)
}

const (
	maxClusterNameLength = 64
	flexMongoDBVersion   = "8.0.29" // observed 2026-08-10
)

// flexRegions are the region names a flex cluster can be created in, per
// backing provider (Atlas region names, a realistic subset).
var flexRegions = map[string][]string{
	"AWS": {
		"US_EAST_1", "US_EAST_2", "US_WEST_1", "US_WEST_2", "CA_CENTRAL_1", "SA_EAST_1",
		"EU_WEST_1", "EU_WEST_2", "EU_WEST_3", "EU_CENTRAL_1", "EU_NORTH_1",
		"AP_SOUTHEAST_1", "AP_SOUTHEAST_2", "AP_NORTHEAST_1", "AP_SOUTH_1",
	},
	"AZURE": {
		"US_EAST", "US_EAST_2", "US_WEST", "US_CENTRAL", "US_NORTH_CENTRAL", "US_SOUTH_CENTRAL",
		"CANADA_CENTRAL", "BRAZIL_SOUTH", "EUROPE_NORTH", "EUROPE_WEST", "UK_SOUTH",
		"ASIA_EAST", "ASIA_SOUTH_EAST", "AUSTRALIA_EAST", "INDIA_CENTRAL", "JAPAN_EAST",
	},
	"GCP": {
		"CENTRAL_US", "EASTERN_US", "US_EAST_4", "WESTERN_US", "NORTH_AMERICA_NORTHEAST_1",
		"SOUTH_AMERICA_EAST_1", "WESTERN_EUROPE", "EUROPE_WEST_2", "EUROPE_WEST_3", "EUROPE_NORTH_1",
		"EASTERN_ASIA_PACIFIC", "NORTHEASTERN_ASIA_PACIFIC", "SOUTHEASTERN_ASIA_PACIFIC",
		"ASIA_SOUTH_1", "AUSTRALIA_SOUTHEAST_1",
	},
}

// reservedClusterName is the pattern Atlas keeps for its own names
// (ATLAS_RESERVED_CLUSTER_NAME).
var reservedClusterName = regexp.MustCompile(`^(?i)atlas-[a-z0-9]{6}$`)

// ---- JSON shapes (alphabetical keys, like every Atlas body) ----

// flexClusterJSON is FlexClusterDescription20241113. links is left out: it
// is in the schema but absent from every observed flex response.
type flexClusterJSON struct {
	BackupSettings               flexBackupJSON      `json:"backupSettings"`
	ClusterType                  string              `json:"clusterType"`
	ConnectionStrings            flexConnectionsJSON `json:"connectionStrings"`
	CreateDate                   string              `json:"createDate"`
	GroupID                      string              `json:"groupId"`
	ID                           string              `json:"id"`
	MongoDBVersion               string              `json:"mongoDBVersion"`
	Name                         string              `json:"name"`
	ProviderSettings             flexProviderJSON    `json:"providerSettings"`
	StateName                    string              `json:"stateName"`
	Tags                         *[]Tag              `json:"tags,omitempty"`
	TerminationProtectionEnabled bool                `json:"terminationProtectionEnabled"`
	VersionReleaseSystem         string              `json:"versionReleaseSystem"`
}

type flexBackupJSON struct {
	Enabled bool `json:"enabled"`
}

type flexConnectionsJSON struct {
	Standard    string `json:"standard,omitempty"`
	StandardSrv string `json:"standardSrv,omitempty"`
}

// flexProviderJSON is FlexProviderSettings20241113. DiskSizeGB is a
// json.Number so it is written as 5.0, as observed, rather than 5.
type flexProviderJSON struct {
	BackingProviderName string      `json:"backingProviderName"`
	DiskSizeGB          json.Number `json:"diskSizeGB"`
	ProviderName        string      `json:"providerName"`
	RegionName          string      `json:"regionName"`
}

// flexView renders a flex cluster. The create answer leaves "tags" out when
// there are none; every other answer sends [] (observed).
func flexView(groupID string, fc *flexCluster, omitEmptyTags bool) flexClusterJSON {
	v := flexClusterJSON{
		BackupSettings: flexBackupJSON{Enabled: true},
		ClusterType:    "REPLICASET",
		ConnectionStrings: flexConnectionsJSON{
			StandardSrv: "mongodb+srv://" + fc.srvHost,
		},
		CreateDate:     atlasTime(fc.created),
		GroupID:        groupID,
		ID:             fc.id,
		MongoDBVersion: flexMongoDBVersion,
		Name:           fc.name,
		ProviderSettings: flexProviderJSON{
			BackingProviderName: fc.backingProvider,
			DiskSizeGB:          "5.0",
			ProviderName:        "FLEX",
			RegionName:          fc.region,
		},
		StateName:                    fc.state,
		TerminationProtectionEnabled: fc.terminationProtection,
		VersionReleaseSystem:         "LTS",
	}
	if fc.provisioned {
		v.ConnectionStrings.Standard = fc.standardConnectionString()
	}
	tags := slices.Clone(fc.tags)
	if tags == nil {
		tags = []Tag{}
	}
	if len(tags) > 0 || !omitEmptyTags {
		v.Tags = &tags
	}
	return v
}

// standardConnectionString is the mongodb:// form with the three replica
// set members, shaped like the observed one.
func (fc *flexCluster) standardConnectionString() string {
	domain := strings.TrimPrefix(fc.srvHost, strings.ToLower(fc.name)+".")
	hosts := make([]string, 0, 3)
	for i := 0; i < 3; i++ {
		hosts = append(hosts, fmt.Sprintf("%s-shard-00-%02d.%s:27017", fc.hostLabel, i, domain))
	}
	return "mongodb://" + strings.Join(hosts, ",") +
		"/?ssl=true&authSource=admin&replicaSet=" + fc.replicaSet
}

// randomLabel returns n random lower-case letters and digits, the shape of
// the random parts of Atlas host names.
func randomLabel(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// newFlexCluster is the CREATING flex cluster a create body makes, through
// either API.
func newFlexCluster(b clusterCreateBody, now time.Time) *flexCluster {
	return &flexCluster{
		deployment: newDeployment(b, now),
		hostLabel:  "ac-" + randomLabel(7),
		replicaSet: "atlas-" + randomLabel(6) + "-shard-0",
	}
}

// ---- World ----

// settleFlex moves the flex clusters of p forward to now (see
// deployment.advance); one that reaches IDLE has its standard connection
// string from then on. Called from world.settle.
func (p *project) settleFlex(now time.Time, transition time.Duration) {
	kept := p.flexClusters[:0]
	for _, fc := range p.flexClusters {
		gone, idle := fc.advance(now, transition)
		if gone {
			continue
		}
		if idle {
			fc.provisioned = true
		}
		kept = append(kept, fc)
	}
	p.flexClusters = kept
}

func (p *project) findFlexCluster(name string) *flexCluster {
	for _, fc := range p.flexClusters {
		if fc.name == name {
			return fc
		}
	}
	return nil
}

// clusterNameUsed reports whether any cluster of the project, flex or
// dedicated, DELETING ones included, already has this name. The check is
// case-insensitive because Atlas derives lower-case host names from it.
func (p *project) clusterNameUsed(name string) bool {
	for _, c := range p.clusters {
		if strings.EqualFold(c.name, name) {
			return true
		}
	}
	for _, fc := range p.flexClusters {
		if strings.EqualFold(fc.name, name) {
			return true
		}
	}
	return p.serverlessNameUsed(name)
}

// clusterCount is what clusterCount and the deployment.clusters limit
// report: dedicated and flex clusters, DELETING ones included.
func (p *project) clusterCount() int {
	return len(p.clusters) + len(p.flexClusters)
}

// allClusterNames lists dedicated then flex cluster names, creation order.
func (p *project) allClusterNames() []string {
	names := make([]string, 0, p.clusterCount())
	for _, c := range p.clusters {
		names = append(names, c.name)
	}
	for _, fc := range p.flexClusters {
		names = append(names, fc.name)
	}
	return names
}

// ---- Errors ----

func errClusterNotFound(name, groupID string) *apiError {
	return newError(http.StatusNotFound, "CLUSTER_NOT_FOUND",
		fmt.Sprintf("No cluster named %s exists in group %s.", name, groupID), name, groupID)
}

func errFlexInClusterAPI(name string) *apiError {
	return newError(http.StatusBadRequest, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API",
		fmt.Sprintf("Flex cluster %s cannot be used in the Cluster API.", name), name)
}

func errNonFlexInFlexAPI(name string) *apiError {
	return newError(http.StatusBadRequest, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API",
		fmt.Sprintf("Cannot use non-flex cluster %s in the flex API.", name), name)
}

func errAlreadyRequestedDeletion(name string) *apiError {
	return newError(http.StatusBadRequest, "CLUSTER_ALREADY_REQUESTED_DELETION",
		fmt.Sprintf("The cluster %s has already been requested for deletion.", name), name)
}

// errFlexTerminationProtected is the answer to deleting a protected flex
// cluster: 400 ATLAS_GENERAL_ERROR per the official provider (PR #4480).
// Dedicated clusters answer CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED.
func errFlexTerminationProtected(name, groupID string) *apiError {
	return newError(http.StatusBadRequest, "ATLAS_GENERAL_ERROR",
		fmt.Sprintf("Cannot delete flex cluster %s in group %s because termination protection is enabled. Disable termination protection and try again.", name, groupID),
		name, groupID)
}

// ---- Handlers ----

// lookupFlexCluster resolves {groupId} and {name} for the flex API. A name
// that belongs to a dedicated cluster is 400
// CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API; an unknown one 404
// CLUSTER_NOT_FOUND, the same code the Clusters API uses (observed).
func (s *Server) lookupFlexCluster(c *call) (*project, *flexCluster, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, nil, apiErr
	}
	name := c.params["name"]
	if !clusterNamePattern.MatchString(name) {
		return nil, nil, errInvalidPathParameter("name", name)
	}
	if fc := p.findFlexCluster(name); fc != nil {
		return p, fc, nil
	}
	if p.findCluster(name) != nil || p.findServerless(name) != nil {
		return nil, nil, errNonFlexInFlexAPI(name)
	}
	return nil, nil, errClusterNotFound(name, p.id)
}

// GET /groups/{groupId}/flexClusters
func (s *Server) listFlexClusters(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	views := make([]flexClusterJSON, 0, len(p.flexClusters))
	for _, fc := range p.flexClusters {
		views = append(views, flexView(p.id, fc, false))
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// POST /groups/{groupId}/flexClusters: 201 with the cluster in CREATING.
func (s *Server) createFlexCluster(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	body, apiErr := decodeClusterCreate(p, c.body, flexCreateAPI)
	if apiErr != nil {
		return nil, apiErr
	}
	fc := newFlexCluster(body, c.now)
	p.flexClusters = append(p.flexClusters, fc)
	return created(flexView(p.id, fc, true)), nil
}

// GET /groups/{groupId}/flexClusters/{name}
func (s *Server) getFlexCluster(c *call) (*response, *apiError) {
	p, fc, apiErr := s.lookupFlexCluster(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(flexView(p.id, fc, false)), nil
}

// PATCH /groups/{groupId}/flexClusters/{name}: only tags (the whole set; []
// clears it) and terminationProtectionEnabled. The cluster goes UPDATING and
// back to IDLE after the transition; one still CREATING stays CREATING.
func (s *Server) updateFlexCluster(c *call) (*response, *apiError) {
	p, fc, apiErr := s.lookupFlexCluster(c)
	if apiErr != nil {
		return nil, apiErr
	}
	update, apiErr := decodeClusterUpdate(c.body, flexUpdateFields, fc.settings())
	if apiErr != nil {
		return nil, apiErr
	}
	if fc.state == "DELETING" {
		return nil, errAlreadyRequestedDeletion(fc.name)
	}
	fc.applyUpdate(update, c.now)
	return ok(flexView(p.id, fc, false)), nil
}

// DELETE /groups/{groupId}/flexClusters/{name}: 204 with no body; the
// cluster is DELETING and disappears after the transition. Allowed while
// CREATING (the official provider waits through CREATING on delete).
func (s *Server) deleteFlexCluster(c *call) (*response, *apiError) {
	p, fc, apiErr := s.lookupFlexCluster(c)
	if apiErr != nil {
		return nil, apiErr
	}
	if apiErr := fc.requestDeletion(p.id, c.now, errFlexTerminationProtected); apiErr != nil {
		return nil, apiErr
	}
	return noContent(), nil
}
