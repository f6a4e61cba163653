import { EnvError, useEnv } from '../utils/env'

/** Validate the environment before the first request: a bad variable stops the server and is named. */
export default defineNitroPlugin(() => {
  try {
    useEnv()
  }
  catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n[crm] ${error.message}\n[crm] See .env.example for every variable.\n`)
      process.exit(1)
    }
    throw error
  }
})
