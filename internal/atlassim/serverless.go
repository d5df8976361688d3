package atlassim

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// Serverless instances: /api/atlas/v2/groups/{groupId}/serverless,
// media type 2023-01-01 only. What each call does depends on the era of the
// world date (eras.go).
//
// Two kinds of instance answer through this API:
//   - a real serverless instance (serverlessInstance below), created by
//     POST /serverless before 2025-02-01 or seeded with SeedServerlessInstance;
//     from 2025-06-01 none is left (Atlas migrated them all in 2025);
//   - a flex-backed instance: a flex cluster with viaServerless set, created
//     by POST /serverless from 2025-02-01 on or made by migrating a real
//     instance to FLEX (explicitly, or by the world date passing
//     2025-06-01). The flex API sees it as any other flex cluster.
//
// Choices where the contract is silent:
//   - rate limits: the routes count against the "Clusters" endpoint set
//     (GROUP scope); Atlas's current table no longer lists serverless;
//   - a real instance reports no effective* provider settings, no
//     nextBackupDate and no tenantBackupEnabled (those describe the flex
//     cluster behind a flex-backed one); its continuous backup is as
//     requested (default true), its mongoDBVersion 7.0.16;
//   - "tags" is always sent ([] when there are none);
//   - names are unique per project, case-insensitively, across real
//     serverless, flex and dedicated clusters (DUPLICATE_CLUSTER_NAME, 400);
//   - a name that is not a serverless instance (a dedicated cluster, an
//     instance migrated to FREE or DEDICATED, a flex cluster made through
//     the flex API) is 404 SERVERLESS_INSTANCE_NOT_FOUND, not the inferred
//     400 CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API: a client has to
//     handle the 404 anyway (flex-backed instances from 2026-01-15);
//   - the flex API answers a real serverless instance's name with 400
//     CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API (Atlas keeps serverless
//     instances as non-flex cluster descriptions), the Clusters API with
//     400 CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API;
//   - deleting a protected real instance is 400
//     CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED (the
//     cluster-family code); a protected flex-backed one gets the flex API's
//     answer (400 ATLAS_GENERAL_ERROR), since the serverless API hands it to
//     the flex cluster;
//   - a project with a real serverless instance cannot be deleted (409
//     CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS naming every deployment);
//     clusterCount and the deployment.clusters limit do not count real
//     serverless instances (Atlas has a separate serverlessMTMs limit);
//   - createDate and state transitions follow the real clock, like flex;
//     only the era follows the world date.

type serverlessInstance struct {
	deployment       // state: CREATING, IDLE, UPDATING, DELETING
	continuousBackup bool
	autoIndexing     bool // performanceAdvisor/autoIndexing, on by default
}

// clusterTier describes a dedicated-API cluster that came from a serverless
// migration (FREE -> M0 on TENANT, DEDICATED -> M10 on the backing
// provider). Seeded clusters have none.
type clusterTier struct {
	kind                  string // FREE or DEDICATED
	instanceSize          string // M0 or M10
	providerName          string // TENANT, AWS, AZURE, GCP
	backingProvider       string // AWS, AZURE, GCP
	region                string
	tags                  []Tag
	terminationProtection bool
}

const serverlessMongoDBVersion = "7.0.16"

// Kinds reported by ServerlessInstance.
const (
	ServerlessKindServerless = "SERVERLESS" // a real serverless instance
	ServerlessKindFlex       = "FLEX"       // a flex-backed instance (created in 2025+ or migrated to FLEX)
	ServerlessKindFree       = "FREE"       // migrated to an M0 cluster (Clusters API)
	ServerlessKindDedicated  = "DEDICATED"  // migrated to an M10 cluster (Clusters API)
)

// serverlessRoute builds one serverless route for apiRoutes (router.go).
func serverlessRoute(method, suffix string, h func(*Server, *call) (*response, *apiError)) route {
	return route{method: method, pattern: v2 + "/groups/{groupId}/serverless" + suffix, resource: resServerless,
		limitSet: EndpointSetClusters, scope: scopeGroup, rateLabel: "api/atlas/v2/groups/{groupId}/serverless", handle: h}
}

// ---- JSON shapes (alphabetical keys) ----

// serverlessJSON is ServerlessInstanceDescription.
type serverlessJSON struct {
	ConnectionStrings            serverlessConnectionsJSON `json:"connectionStrings"`
	CreateDate                   string                    `json:"createDate"`
	GroupID                      string                    `json:"groupId"`
	ID                           string                    `json:"id"`
	Links                        []link                    `json:"links"`
	MongoDBVersion               string                    `json:"mongoDBVersion"`
	Name                         string                    `json:"name"`
	ProviderSettings             serverlessProviderJSON    `json:"providerSettings"`
	ServerlessBackupOptions      serverlessBackupJSON      `json:"serverlessBackupOptions"`
	StateName                    string                    `json:"stateName"`
	Tags                         []Tag                     `json:"tags"`
	TerminationProtectionEnabled bool                      `json:"terminationProtectionEnabled"`
}

type serverlessConnectionsJSON struct {
	StandardSrv string `json:"standardSrv"`
}

// serverlessProviderJSON is ServerlessProviderSettings plus the two keys
// observed on flex-backed instances that the spec does not declare
// (nextBackupDate, tenantBackupEnabled).
type serverlessProviderJSON struct {
	BackingProviderName       string `json:"backingProviderName"`
	EffectiveDiskSizeGBLimit  *int   `json:"effectiveDiskSizeGBLimit,omitempty"`
	EffectiveInstanceSizeName string `json:"effectiveInstanceSizeName,omitempty"`
	EffectiveProviderName     string `json:"effectiveProviderName,omitempty"`
	NextBackupDate            string `json:"nextBackupDate,omitempty"`
	ProviderName              string `json:"providerName"`
	RegionName                string `json:"regionName"`
	TenantBackupEnabled       *bool  `json:"tenantBackupEnabled,omitempty"`
}

type serverlessBackupJSON struct {
	ServerlessContinuousBackupEnabled bool `json:"serverlessContinuousBackupEnabled"`
}

func serverlessLinks(c *call, groupID, name string) []link {
	self := c.baseURL + v2 + "/groups/" + groupID + "/serverless/" + name
	return []link{
		{Href: self, Rel: "self"},
		{Href: self + "/backup/restoreJobs", Rel: "https://cloud.mongodb.com/restoreJobs"},
		{Href: self + "/backup/snapshots", Rel: "https://cloud.mongodb.com/snapshots"},
	}
}

func nonNilTags(tags []Tag) []Tag {
	out := slices.Clone(tags)
	if out == nil {
		out = []Tag{}
	}
	return out
}

// realServerlessView renders a real serverless instance.
func realServerlessView(c *call, groupID string, si *serverlessInstance) serverlessJSON {
	return serverlessJSON{
		ConnectionStrings: serverlessConnectionsJSON{StandardSrv: "mongodb+srv://" + si.srvHost},
		CreateDate:        atlasTime(si.created),
		GroupID:           groupID,
		ID:                si.id,
		Links:             serverlessLinks(c, groupID, si.name),
		MongoDBVersion:    serverlessMongoDBVersion,
		Name:              si.name,
		ProviderSettings: serverlessProviderJSON{
			BackingProviderName: si.backingProvider,
			ProviderName:        "SERVERLESS",
			RegionName:          si.region,
		},
		ServerlessBackupOptions:      serverlessBackupJSON{ServerlessContinuousBackupEnabled: si.continuousBackup},
		StateName:                    si.state,
		Tags:                         nonNilTags(si.tags),
		TerminationProtectionEnabled: si.terminationProtection,
	}
}

// flexBackedView renders a flex-backed instance in the shape observed on
// 2026-01-02.
func flexBackedView(c *call, groupID string, fc *flexCluster) serverlessJSON {
	diskLimit, tenantBackup := 5, true
	return serverlessJSON{
		ConnectionStrings: serverlessConnectionsJSON{StandardSrv: "mongodb+srv://" + fc.srvHost},
		CreateDate:        atlasTime(fc.created),
		GroupID:           groupID,
		ID:                fc.id,
		Links:             serverlessLinks(c, groupID, fc.name),
		MongoDBVersion:    flexMongoDBVersion,
		Name:              fc.name,
		ProviderSettings: serverlessProviderJSON{
			BackingProviderName:       fc.backingProvider,
			EffectiveDiskSizeGBLimit:  &diskLimit,
			EffectiveInstanceSizeName: "FLEX",
			EffectiveProviderName:     "TENANT",
			NextBackupDate:            atlasTime(nextDailyBackup(fc.created, c.now)),
			ProviderName:              "SERVERLESS",
			RegionName:                fc.region,
			TenantBackupEnabled:       &tenantBackup,
		},
		ServerlessBackupOptions:      serverlessBackupJSON{ServerlessContinuousBackupEnabled: false},
		StateName:                    fc.state,
		Tags:                         nonNilTags(fc.tags),
		TerminationProtectionEnabled: fc.terminationProtection,
	}
}

// serverlessView renders whichever of si (a real instance) and fc (a
// flex-backed one) lookupServerless found.
func serverlessView(c *call, groupID string, si *serverlessInstance, fc *flexCluster) serverlessJSON {
	if si != nil {
		return realServerlessView(c, groupID, si)
	}
	return flexBackedView(c, groupID, fc)
}

// nextDailyBackup is the first whole day after created that is after now
// (observed: createDate + 24h right after creation).
func nextDailyBackup(created, now time.Time) time.Time {
	days := 1
	if now.After(created) {
		days = int(now.Sub(created)/(24*time.Hour)) + 1
	}
	return created.Add(time.Duration(days) * 24 * time.Hour)
}

// ---- World ----

// settleServerless moves real serverless instances forward to now (see
// deployment.advance). Called from world.settle.
func (p *project) settleServerless(now time.Time, transition time.Duration) {
	kept := p.serverless[:0]
	for _, si := range p.serverless {
		if gone, _ := si.advance(now, transition); !gone {
			kept = append(kept, si)
		}
	}
	p.serverless = kept
}

func (p *project) findServerless(name string) *serverlessInstance {
	for _, si := range p.serverless {
		if si.name == name {
			return si
		}
	}
	return nil
}

// serverlessNameUsed reports whether a real serverless instance has this
// name (case-insensitively); clusterNameUsed consults it.
func (p *project) serverlessNameUsed(name string) bool {
	for _, si := range p.serverless {
		if strings.EqualFold(si.name, name) {
			return true
		}
	}
	return false
}

// serverlessBlocker keeps a project with real serverless instances from
// being deleted. It names every deployment (clusters, flex, serverless) in
// one error; when there is no serverless instance activeClustersBlocker
// speaks instead.
func serverlessBlocker(p *project) *apiError {
	if len(p.serverless) == 0 {
		return nil
	}
	names := p.allClusterNames()
	for _, si := range p.serverless {
		names = append(names, si.name)
	}
	list := strings.Join(names, ", ")
	return newError(http.StatusConflict, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS",
		fmt.Sprintf("Cannot close group %s while it has active Atlas clusters: %s. Terminate them first.", p.id, list),
		p.id, list)
}

// ---- Errors ----

func errServerlessNotFound(name, groupID string) *apiError {
	return newError(http.StatusNotFound, "SERVERLESS_INSTANCE_NOT_FOUND",
		fmt.Sprintf("No serverless instance named %s exists in group %s.", name, groupID), name, groupID)
}

func errServerlessInClusterAPI(name string) *apiError {
	return newError(http.StatusBadRequest, "CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API",
		fmt.Sprintf("Serverless instance %s cannot be used in the Cluster API.", name), name)
}

// errClusterTerminationProtected is the dedicated-cluster answer (as
// observed), also used for real serverless instances.
func errClusterTerminationProtected(name, groupID string) *apiError {
	return newError(http.StatusBadRequest, "CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED",
		"Cannot terminate a cluster when termination protection is enabled. Disable termination protection and try again.",
		fmt.Sprintf("Cannot terminate cluster %s in group %s because termination protection is enabled. Disable termination protection and try again.", name, groupID))
}

// ---- Handlers ----

// lookupServerless resolves {groupId} and {name} for the serverless API:
// a real instance, or a flex-backed one (only while the era still shows
// them, for reads), else 404 SERVERLESS_INSTANCE_NOT_FOUND.
func (s *Server) lookupServerless(c *call, era serverlessEra, read bool) (*project, *serverlessInstance, *flexCluster, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, nil, nil, apiErr
	}
	name := c.params["name"]
	if !clusterNamePattern.MatchString(name) {
		return nil, nil, nil, errInvalidPathParameter("name", name)
	}
	if si := p.findServerless(name); si != nil {
		return p, si, nil, nil
	}
	// From 2026-01-15 the serverless reads stopped answering for flex
	// clusters created through POST /serverless (observed: describe gave
	// 404 right after a create that still worked). For instances migrated
	// from serverless the spec says the GET keeps answering until its own
	// sunset, and nothing observed says otherwise.
	if fc := p.findFlexCluster(name); fc != nil && fc.viaServerless && (!read || era < eraListEmpty || fc.migrated) {
		return p, nil, fc, nil
	}
	return nil, nil, nil, errServerlessNotFound(name, p.id)
}

// GET /groups/{groupId}/serverless: real instances and (before 2026-01-15)
// flex-backed ones, by creation date.
func (s *Server) listServerless(c *call) (*response, *apiError) {
	era, apiErr := s.serverlessReadGate(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	type item struct {
		created time.Time
		view    serverlessJSON
	}
	var items []item
	for _, si := range p.serverless {
		items = append(items, item{si.created, realServerlessView(c, p.id, si)})
	}
	if era < eraListEmpty {
		for _, fc := range p.flexClusters {
			if fc.viaServerless {
				items = append(items, item{fc.created, flexBackedView(c, p.id, fc)})
			}
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].created.Before(items[j].created) })
	views := make([]serverlessJSON, 0, len(items))
	for _, it := range items {
		views = append(views, it.view)
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// POST /groups/{groupId}/serverless: 201. Before 2025-02-01 a real
// serverless instance, from then on a flex cluster answered in the
// serverless shape.
func (s *Server) createServerless(c *call) (*response, *apiError) {
	era, apiErr := s.serverlessWriteGate(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	body, apiErr := decodeClusterCreate(p, c.body, serverlessCreateAPI)
	if apiErr != nil {
		return nil, apiErr
	}
	if era == eraServerless {
		si := &serverlessInstance{deployment: newDeployment(body, c.now), continuousBackup: body.continuousBackup, autoIndexing: true}
		p.serverless = append(p.serverless, si)
		return created(realServerlessView(c, p.id, si)), nil
	}
	fc := newFlexCluster(body, c.now)
	fc.viaServerless, fc.autoIndexing = true, true
	p.flexClusters = append(p.flexClusters, fc)
	return created(flexBackedView(c, p.id, fc)), nil
}

// GET /groups/{groupId}/serverless/{name}
func (s *Server) getServerless(c *call) (*response, *apiError) {
	era, apiErr := s.serverlessReadGate(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p, si, fc, apiErr := s.lookupServerless(c, era, true)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(serverlessView(c, p.id, si, fc)), nil
}

// PATCH /groups/{groupId}/serverless/{name}: serverlessBackupOptions, tags
// (the whole set) and terminationProtectionEnabled; UPDATING, then IDLE
// (one still CREATING stays CREATING). On a flex-backed instance the flex
// cluster changes and continuous backup stays false.
func (s *Server) updateServerless(c *call) (*response, *apiError) {
	era, apiErr := s.serverlessWriteGate(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p, si, fc, apiErr := s.lookupServerless(c, era, false)
	if apiErr != nil {
		return nil, apiErr
	}
	// A flex-backed instance has no continuous backup: what the body sets
	// is read, then dropped.
	var d *deployment
	var current clusterSettings
	if si != nil {
		d, current = &si.deployment, si.settings()
		current.continuousBackup = si.continuousBackup
	} else {
		d, current = &fc.deployment, fc.settings()
	}
	update, apiErr := decodeClusterUpdate(c.body, serverlessUpdateFields, current)
	if apiErr != nil {
		return nil, apiErr
	}
	if d.state == "DELETING" {
		return nil, errAlreadyRequestedDeletion(d.name)
	}
	d.applyUpdate(update, c.now)
	if si != nil {
		si.continuousBackup = update.continuousBackup
	}
	return ok(serverlessView(c, p.id, si, fc)), nil
}

// DELETE /groups/{groupId}/serverless/{name}: 202 {}; the
// instance is DELETING and disappears after the transition.
func (s *Server) deleteServerless(c *call) (*response, *apiError) {
	era, apiErr := s.serverlessWriteGate(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p, si, fc, apiErr := s.lookupServerless(c, era, false)
	if apiErr != nil {
		return nil, apiErr
	}
	if si != nil {
		apiErr = si.requestDeletion(p.id, c.now, errClusterTerminationProtected)
	} else {
		apiErr = fc.requestDeletion(p.id, c.now, errFlexTerminationProtected)
	}
	if apiErr != nil {
		return nil, apiErr
	}
	return &response{status: http.StatusAccepted, body: struct{}{}}, nil
}

// Serverless auto-indexing (Performance Advisor): the official provider
// reads it on every refresh of a serverless instance and sets it when
// auto_indexing changes. Atlas answers it for real serverless instances and
// for flex-backed ones (where, per the spec, the value means nothing since
// flex has no auto-indexing). Both operations were sunset on 2026-01-22
// with the serverless writes.

// GET /groups/{groupId}/serverless/{name}/performanceAdvisor/autoIndexing:
// 200 with a bare JSON boolean.
func (s *Server) getServerlessAutoIndexing(c *call) (*response, *apiError) {
	era, apiErr := s.serverlessGate(c, eraWritesGone, eraWritesGone)
	if apiErr != nil {
		return nil, apiErr
	}
	_, si, fc, apiErr := s.lookupServerless(c, era, true)
	if apiErr != nil {
		return nil, apiErr
	}
	if si != nil {
		return ok(si.autoIndexing), nil
	}
	return ok(fc.autoIndexing), nil
}

// POST /groups/{groupId}/serverless/{name}/performanceAdvisor/autoIndexing?enable=true|false:
// 200 with no body. enable is required.
func (s *Server) setServerlessAutoIndexing(c *call) (*response, *apiError) {
	era, apiErr := s.serverlessGate(c, eraWritesGone, eraWritesGone)
	if apiErr != nil {
		return nil, apiErr
	}
	_, si, fc, apiErr := s.lookupServerless(c, era, false)
	if apiErr != nil {
		return nil, apiErr
	}
	// Atlas's answer to a missing enable is not recorded: the simulator
	// treats it as an invalid (empty) value.
	raw := c.query.Get("enable")
	if raw != "true" && raw != "false" {
		return nil, errInvalidQueryParameter("enable", raw)
	}
	enable := raw == "true"
	if si != nil {
		si.autoIndexing = enable
	} else {
		fc.autoIndexing = enable
	}
	return &response{status: http.StatusOK}, nil
}
