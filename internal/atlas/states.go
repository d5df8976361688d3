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
