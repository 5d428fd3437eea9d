(component
  (import "r" (type $r (sub resource)))
  (core func (canon resource.new $r))
)
