(component
  (core func (canon task.return))
)
