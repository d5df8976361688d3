package atlassim

import (
	"strings"
	"time"
)

// deployment is what a flex cluster and a real serverless instance both
// are: a named replica set on one provider and region, with tags,
// termination protection and a state that changes over time. Keeping it in
// one place means the flex and serverless APIs store, update and delete
// both kinds the same way, and differ only where Atlas does.
type deployment struct {
	id, name              string
	created               time.Time
	state                 string    // CREATING, IDLE, UPDATING, DELETING (REPAIRING: flex only)
	stateChanged          time.Time // when the current state began
	tags                  []Tag
	terminationProtection bool
	backingProvider       string // AWS, AZURE, GCP
	region                string
	srvHost               string // <name>.<label>.mongodb.net
}

// newDeployment is the CREATING deployment a create body makes, through
// either API. createDate is reported to the second.
func newDeployment(b clusterCreateBody, now time.Time) deployment {
	return deployment{
		id:                    newID(),
		name:                  b.name,
		created:               now.UTC().Truncate(time.Second),
		state:                 "CREATING",
		stateChanged:          now,
		tags:                  b.tags,
		terminationProtection: b.protected,
		backingProvider:       b.provider,
		region:                b.region,
		srvHost:               newSrvHost(b.name),
	}
}

// newSrvHost is <name>.<random label>.mongodb.net; Atlas lower-cases the name.
func newSrvHost(name string) string {
	return strings.ToLower(name) + "." + randomLabel(7) + ".mongodb.net"
}

// advance moves d forward to now: once transition has passed since its
// state began, CREATING, UPDATING and REPAIRING become IDLE (idle reports
// it) and DELETING is over (gone reports it). Only flex clusters are ever
// REPAIRING.
func (d *deployment) advance(now time.Time, transition time.Duration) (gone, idle bool) {
	if now.Before(d.stateChanged.Add(transition)) {
		return false, false
	}
	switch d.state {
	case "DELETING":
		return true, false
	case "CREATING", "UPDATING", "REPAIRING":
		d.state, d.stateChanged = "IDLE", now
		return false, true
	}
	return false, false
}

// settings are the current values an update body starts from.
func (d *deployment) settings() clusterSettings {
	return clusterSettings{tags: d.tags, protected: d.terminationProtection}
}

// applyUpdate stores an update: the deployment goes UPDATING and settles
// back to IDLE, but one still CREATING stays CREATING.
func (d *deployment) applyUpdate(u clusterSettings, now time.Time) {
	d.tags, d.terminationProtection = u.tags, u.protected
	if d.state != "CREATING" {
		d.state, d.stateChanged = "UPDATING", now
	}
}

// requestDeletion starts deleting d unless it is already being deleted or
// protected. The protected answer is the one thing that differs by kind:
// errProtected is errFlexTerminationProtected for flex clusters (flex-backed
// serverless instances included) and errClusterTerminationProtected for
// real serverless instances.
func (d *deployment) requestDeletion(groupID string, now time.Time, errProtected func(name, groupID string) *apiError) *apiError {
	if d.state == "DELETING" {
		return errAlreadyRequestedDeletion(d.name)
	}
	if d.terminationProtection {
		return errProtected(d.name, groupID)
	}
	d.state, d.stateChanged = "DELETING", now
	return nil
}
