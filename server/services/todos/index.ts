export { getTodo, listTodos } from './list'
export { createTodo, deleteTodo, updateTodo } from './write'
