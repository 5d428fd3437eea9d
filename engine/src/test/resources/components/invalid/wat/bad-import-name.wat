(component
  (import "Not_A_Label" (func))
)
