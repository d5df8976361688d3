package atlassim

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// What the serverless API does not expose: Atlas's 2025 migration of real
// serverless instances, the Go helpers tests use to seed, read and remove
// instances behind the API's back, and their /__sim admin endpoints. Kept
// apart from serverless.go so that file holds only the public API.

// ---- Migration ----

// Errors of MigrateServerless (the admin endpoint maps them to statuses).
var (
	ErrNoServerlessInstance = errors.New("no such serverless instance")
	ErrBadMigrationTarget   = errors.New(`migration target must be "FLEX", "FREE" or "DEDICATED"`)
	ErrServerlessDeleting   = errors.New("the serverless instance is being deleted")
)

// MigrateServerless does what Atlas's automatic 2025 migration did to a
// real serverless instance: to "FLEX" it becomes an IDLE flex cluster with
// the same id, name, tags, protection, region and connection string
// (flex-backed: the serverless API still answers it per the era rules);
// to "FREE" or "DEDICATED" it becomes an IDLE M0 (TENANT) or M10 cluster in
// the Clusters API, which the flex API refuses (400
// CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API) and the serverless API does not
// know (404 SERVERLESS_INSTANCE_NOT_FOUND). Only real serverless instances
// migrate (ErrNoServerlessInstance for anything else, flex-backed included).
func (s *Server) MigrateServerless(projectID, name, to string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	s.world.settle(now, s.opts.Transition)
	if to != ServerlessKindFlex && to != ServerlessKindFree && to != ServerlessKindDedicated {
		return fmt.Errorf("%w, not %q", ErrBadMigrationTarget, to)
	}
	p, found := s.world.projects[projectID]
	if !found {
		return fmt.Errorf("%w: no project %s", ErrNoServerlessInstance, projectID)
	}
	si := p.findServerless(name)
	if si == nil {
		return fmt.Errorf("%w: %s in project %s", ErrNoServerlessInstance, name, projectID)
	}
	if si.state == "DELETING" {
		return fmt.Errorf("%w: %s", ErrServerlessDeleting, name)
	}
	p.serverless = slices.DeleteFunc(p.serverless, func(x *serverlessInstance) bool { return x == si })
	switch to {
	case ServerlessKindFlex:
		p.migrateToFlex(si, now)
	default:
		tier := &clusterTier{kind: to, instanceSize: "M10", providerName: si.backingProvider,
			backingProvider: si.backingProvider, region: si.region,
			tags: si.tags, terminationProtection: si.terminationProtection}
		if to == ServerlessKindFree {
			tier.instanceSize, tier.providerName = "M0", "TENANT"
		}
		p.clusters = append(p.clusters, &cluster{id: si.id, name: si.name, created: si.created,
			state: "IDLE", stateChanged: now, tier: tier})
	}
	return nil
}

// migrateToFlex adds the IDLE flex cluster a real serverless instance
// became; the caller removes the instance.
func (p *project) migrateToFlex(si *serverlessInstance, now time.Time) {
	d := si.deployment // same id, name, tags, protection, region and connection string
	d.state, d.stateChanged = "IDLE", now
	p.flexClusters = append(p.flexClusters, &flexCluster{
		deployment:    d,
		provisioned:   true,
		hostLabel:     "ac-" + randomLabel(7),
		replicaSet:    "atlas-" + randomLabel(6) + "-shard-0",
		viaServerless: true,
		migrated:      true,
		autoIndexing:  si.autoIndexing,
	})
}

// migrateRemainingServerless does Atlas's 2025 migration to the real
// serverless instances still there once the world date is past it: each
// becomes a flex cluster (those being deleted just finish). Called from
// world.settle.
func (p *project) migrateRemainingServerless(now time.Time) {
	kept := p.serverless[:0]
	for _, si := range p.serverless {
		if si.state == "DELETING" {
			kept = append(kept, si)
			continue
		}
		p.migrateToFlex(si, now)
	}
	p.serverless = kept
}

// ---- Out-of-band helpers for tests ----

// ServerlessSnapshot is a copy of anything the serverless API made: Kind
// says what it is now (ServerlessKind*). ContinuousBackupEnabled is always
// false for FLEX, FREE and DEDICATED. InstanceSizeName is M0/M10 for
// FREE/DEDICATED, "FLEX" for FLEX and "" for SERVERLESS.
type ServerlessSnapshot struct {
	ID, Name                     string
	Kind                         string
	Created                      time.Time
	State                        string
	Tags                         []Tag
	TerminationProtectionEnabled bool
	ContinuousBackupEnabled      bool
	BackingProviderName          string
	RegionName                   string
	InstanceSizeName             string
}

// ServerlessInstance returns what became of a serverless instance: a real
// one (SERVERLESS), a flex-backed one (FLEX), or a migrated FREE/DEDICATED
// cluster. Flex clusters made through the flex API and seeded clusters are
// not reported. DELETING instances are included.
func (s *Server) ServerlessInstance(projectID, name string) (ServerlessSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.settle(time.Now(), s.opts.Transition)
	p, found := s.world.projects[projectID]
	if !found {
		return ServerlessSnapshot{}, false
	}
	if si := p.findServerless(name); si != nil {
		return ServerlessSnapshot{ID: si.id, Name: si.name, Kind: ServerlessKindServerless, Created: si.created,
			State: si.state, Tags: slices.Clone(si.tags), TerminationProtectionEnabled: si.terminationProtection,
			ContinuousBackupEnabled: si.continuousBackup, BackingProviderName: si.backingProvider, RegionName: si.region}, true
	}
	if fc := p.findFlexCluster(name); fc != nil && fc.viaServerless {
		return ServerlessSnapshot{ID: fc.id, Name: fc.name, Kind: ServerlessKindFlex, Created: fc.created,
			State: fc.state, Tags: slices.Clone(fc.tags), TerminationProtectionEnabled: fc.terminationProtection,
			BackingProviderName: fc.backingProvider, RegionName: fc.region, InstanceSizeName: "FLEX"}, true
	}
	if cl := p.findCluster(name); cl != nil && cl.tier != nil {
		return ServerlessSnapshot{ID: cl.id, Name: cl.name, Kind: cl.tier.kind, Created: cl.created,
			State: cl.state, Tags: slices.Clone(cl.tier.tags), TerminationProtectionEnabled: cl.tier.terminationProtection,
			BackingProviderName: cl.tier.backingProvider, RegionName: cl.tier.region, InstanceSizeName: cl.tier.instanceSize}, true
	}
	return ServerlessSnapshot{}, false
}

// SeedServerlessInstance adds an IDLE real serverless instance (AWS
// US_EAST_1, continuous backup and auto-indexing on), as if it had been
// created before 2025. When the world date is past Atlas's 2025 migration
// (serverlessMigratedBy) it has been migrated to flex, like every other.
func (s *Server) SeedServerlessInstance(projectID, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	s.world.settle(now, s.opts.Transition)
	p, found := s.world.projects[projectID]
	if !found {
		return fmt.Errorf("no project %s", projectID)
	}
	if !clusterNamePattern.MatchString(name) {
		return fmt.Errorf("invalid serverless instance name %q", name)
	}
	if p.clusterNameUsed(name) {
		return fmt.Errorf("a deployment named %s already exists in project %s", name, projectID)
	}
	p.serverless = append(p.serverless, &serverlessInstance{
		deployment: deployment{id: newID(), name: name, created: now.UTC().Truncate(time.Second), state: "IDLE", stateChanged: now,
			backingProvider: "AWS", region: "US_EAST_1", srvHost: newSrvHost(name)},
		continuousBackup: true,
		autoIndexing:     true,
	})
	s.world.settle(now, s.opts.Transition) // past the 2025 migration it is flex at once
	return nil
}

// DeleteServerlessOutOfBand removes a real or flex-backed serverless
// instance at once, ignoring termination protection. Migrated FREE or
// DEDICATED clusters are not touched (use DeleteClusterOutOfBand). It
// reports whether something was removed.
func (s *Server) DeleteServerlessOutOfBand(projectID, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found {
		return false
	}
	if p.findServerless(name) != nil {
		p.serverless = slices.DeleteFunc(p.serverless, func(si *serverlessInstance) bool { return si.name == name })
		return true
	}
	if fc := p.findFlexCluster(name); fc != nil && fc.viaServerless {
		p.flexClusters = slices.DeleteFunc(p.flexClusters, func(x *flexCluster) bool { return x == fc })
		return true
	}
	return false
}

// ClusterSnapshot is a copy of a cluster in the Clusters API (seeded or
// migrated from serverless). InstanceSizeName, ProviderName,
// BackingProviderName and RegionName are empty for seeded clusters.
type ClusterSnapshot struct {
	ID, Name                     string
	Created                      time.Time
	State                        string
	InstanceSizeName             string // M0 (FREE) or M10 (DEDICATED)
	ProviderName                 string // TENANT, AWS, AZURE, GCP
	BackingProviderName          string
	RegionName                   string
	TerminationProtectionEnabled bool
	MigratedFrom                 string // "SERVERLESS" for migrated clusters, else ""
}

// Cluster returns a copy of a Clusters-API cluster, DELETING ones included.
func (s *Server) Cluster(projectID, name string) (ClusterSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.settle(time.Now(), s.opts.Transition)
	p, found := s.world.projects[projectID]
	if !found {
		return ClusterSnapshot{}, false
	}
	cl := p.findCluster(name)
	if cl == nil {
		return ClusterSnapshot{}, false
	}
	snap := ClusterSnapshot{ID: cl.id, Name: cl.name, Created: cl.created, State: cl.state}
	if cl.tier != nil {
		snap.InstanceSizeName, snap.ProviderName = cl.tier.instanceSize, cl.tier.providerName
		snap.BackingProviderName, snap.RegionName = cl.tier.backingProvider, cl.tier.region
		snap.TerminationProtectionEnabled = cl.tier.terminationProtection
		snap.MigratedFrom = ServerlessKindServerless
	}
	return snap, true
}

// ---- Admin endpoints ----

// serverlessSnapshotJSON is the admin view of ServerlessSnapshot.
type serverlessSnapshotJSON struct {
	ID                           string `json:"id"`
	Name                         string `json:"name"`
	Kind                         string `json:"kind"`
	Created                      string `json:"created"`
	StateName                    string `json:"stateName"`
	Tags                         []Tag  `json:"tags"`
	TerminationProtectionEnabled bool   `json:"terminationProtectionEnabled"`
	ContinuousBackupEnabled      bool   `json:"continuousBackupEnabled"`
	BackingProviderName          string `json:"backingProviderName"`
	RegionName                   string `json:"regionName"`
	InstanceSizeName             string `json:"instanceSizeName"`
}

func toServerlessSnapshotJSON(snap ServerlessSnapshot) serverlessSnapshotJSON {
	return serverlessSnapshotJSON{
		ID: snap.ID, Name: snap.Name, Kind: snap.Kind, Created: atlasTime(snap.Created), StateName: snap.State,
		Tags: nonNilTags(snap.Tags), TerminationProtectionEnabled: snap.TerminationProtectionEnabled,
		ContinuousBackupEnabled: snap.ContinuousBackupEnabled, BackingProviderName: snap.BackingProviderName,
		RegionName: snap.RegionName, InstanceSizeName: snap.InstanceSizeName,
	}
}

// adminServerless serves
//
//	POST   /__sim/groups/{groupId}/serverless                {"name"} -> 201 snapshot (seeds an IDLE real instance)
//	GET    /__sim/groups/{groupId}/serverless/{name}         -> 200 snapshot (kind SERVERLESS, FLEX, FREE or DEDICATED)
//	DELETE /__sim/groups/{groupId}/serverless/{name}         -> 204 (gone at once, ignores termination protection)
//	POST   /__sim/groups/{groupId}/serverless/{name}:migrate {"to":"FLEX|FREE|DEDICATED"} -> 200 snapshot
//
// parts is the admin path split on "/": groups, {groupId}, serverless[, {name}].
func (s *Server) adminServerless(w http.ResponseWriter, r *http.Request, parts []string) {
	projectID := parts[1]
	if len(parts) == 3 {
		if r.Method != http.MethodPost {
			writeAdminError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		var in struct {
			Name string `json:"name"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if err := s.SeedServerlessInstance(projectID, in.Name); err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		snap, _ := s.ServerlessInstance(projectID, in.Name)
		writeAdminJSON(w, http.StatusCreated, toServerlessSnapshotJSON(snap))
		return
	}
	if name, isMigrate := strings.CutSuffix(parts[3], ":migrate"); isMigrate {
		if r.Method != http.MethodPost {
			writeAdminError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		var in struct {
			To string `json:"to"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if err := s.MigrateServerless(projectID, name, in.To); err != nil {
			status := http.StatusInternalServerError
			switch {
			case errors.Is(err, ErrBadMigrationTarget):
				status = http.StatusBadRequest
			case errors.Is(err, ErrNoServerlessInstance):
				status = http.StatusNotFound
			case errors.Is(err, ErrServerlessDeleting):
				status = http.StatusConflict
			}
			writeAdminError(w, status, err.Error())
			return
		}
		snap, _ := s.ServerlessInstance(projectID, name)
		writeAdminJSON(w, http.StatusOK, toServerlessSnapshotJSON(snap))
		return
	}
	name := parts[3]
	read := func() (serverlessSnapshotJSON, bool) {
		snap, found := s.ServerlessInstance(projectID, name)
		return toServerlessSnapshotJSON(snap), found
	}
	if !adminReadOrRemove(w, r, "serverless instance", read, func() bool { return s.DeleteServerlessOutOfBand(projectID, name) }) {
		writeAdminError(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}

// adminSunset serves GET and PUT /__sim/sunset {"style":"VERSION_GONE|RESOURCE_NOT_FOUND|METHOD_NOT_ALLOWED"}.
func (s *Server) adminSunset(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
	case http.MethodPut:
		var in struct {
			Style SunsetStyle `json:"style"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if !validSunsetStyle(in.Style) {
			writeAdminError(w, http.StatusBadRequest, "style must be VERSION_GONE, RESOURCE_NOT_FOUND or METHOD_NOT_ALLOWED")
			return
		}
		s.SetSunsetStyle(in.Style)
	default:
		writeAdminError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	writeAdminJSON(w, http.StatusOK, map[string]SunsetStyle{"style": s.CurrentSunsetStyle()})
}
