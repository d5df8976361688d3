package atlas

// Deployment states as Atlas reports them in stateName, the same for flex
// clusters, serverless instances and clusters.
const (
	StateIdle      = "IDLE"
	StateCreating  = "CREATING"
	StateUpdating  = "UPDATING"
	StateDeleting  = "DELETING"
	StateRepairing = "REPAIRING"
)

// idleWait waits for a deployment to be IDLE after a create or an update.
func idleWait(what string) StateWait {
	return StateWait{What: what, Pending: []string{StateCreating, StateUpdating, StateRepairing}, Target: []string{StateIdle}}
}

// deletionWait waits for a deployment to be gone. Every state it can be in on
// the way is pending: an answer that predates the DELETE can still show it IDLE.
func deletionWait(what string) StateWait {
	return StateWait{What: what, Pending: []string{StateDeleting, StateIdle, StateCreating, StateUpdating, StateRepairing}, Target: []string{""}}
}
